// Import from every peer and export: a file per format with malformed rows, each encoding and separator,
// re-import adds nothing, files arrive and are read in pieces, imported photos go through the media intake (and
// the fetch refuses private addresses, redirects to them, oversized files and non-images), the export streams
// and re-imports, and the CLI's last line is exactly its summary.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import db, { databaseUrl } from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import {
  detectImportFormat,
  exportReviewChunks,
  fetchImportedPhotos,
  forbiddenAddress,
  importReviewsFile,
  importPhotoReport,
  loadImport,
  parseReviewDate,
  previewImport,
  receiveImportFile,
  recountProductRatings,
  rejectedRowsCsv,
  safeFetch,
  startImport,
  type ImportFormatChoice,
} from "~/modules/reviews";
import { standInProductMetafields } from "~/modules/demo/standin.server";
import { mediaStorage } from "~/modules/media";
import { allowTestLoopbackServer } from "~/modules/reviews/import/safe-fetch.server";
import sharp from "sharp";
import { HTML_PAGE, phoneJpegWithGps, pngBytes } from "../media/media-files";
import { createShop } from "./review-request-factory";

const NOW = new Date("2026-10-12T10:00:00Z");

async function shopWithProducts() {
  const { shop } = await createShop({ name: "Lind & Co" });
  await db.product.createMany({
    data: [
      { shop, shopifyId: "8001", title: "Linen Shirt", handle: "linen-shirt" },
      { shop, shopifyId: "8002", title: "Wool Socks", handle: "wool-socks" },
    ],
  });
  const order = await db.order.create({ data: { shop, shopifyId: "9901", name: "#1", placedAt: NOW } });
  await db.orderLine.create({
    data: {
      shop,
      orderId: order.id,
      shopifyLineId: "l1",
      productShopifyId: "8002",
      title: "Wool Socks",
      sku: "SOCK-42",
      quantity: 1,
    },
  });
  return shop;
}

const utf8 = (text: string) => Buffer.from(text, "utf8");

/** The import screen's two steps: the upload streams in, then the preview reads it back. */
async function uploadAndPreview(shop: string, fileName: string, data: Uint8Array, format?: ImportFormatChoice) {
  const received = await receiveImportFile({ shop, fileName, data, now: NOW });
  if (!received.ok) return received;
  return previewImport({ shop, importId: received.importId, format, now: NOW });
}

const FILES: Record<string, { text: string; imported: number; errors: { line: number; reason: RegExp }[] }> = {
  judgeme: {
    text: [
      "title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location",
      'Skön,"Luftig, sval och mjuk.",5,2024-05-03,web,ok,Åsa K.,asa@example.se,,linen-shirt,"Tack, Åsa!",2024-05-04,,,',
      "Bra,Varma,4,05/03/2024,web,ok,Per,per@example.se,,wool-socks,,,,,",
      "Dålig,Hål efter en vecka,six,2024-05-03,web,ok,Ola,ola@example.se,,wool-socks,,,,,",
      "Spam,Buy now,5,2024-05-03,web,spam,Bot,bot@example.se,,wool-socks,,,,,",
      "Okänd,Vilken produkt?,3,2024-05-03,web,ok,Kim,kim@example.se,,no-such-thing,,,,,",
    ].join("\n"),
    imported: 3,
    errors: [
      { line: 4, reason: /rating ""six""/ },
      { line: 6, reason: /handle ""no-such-thing""/ },
    ],
  },
  judgemeSecondHeaderSet: {
    text: [
      "product_handle,review_title,body,reviewer_name,reviewer_email,rating,review_date,reply,reply_date,featured,verified,hidden",
      "linen-shirt,Great,Fits well,Sam,sam@example.com,5,2024-03-01 10:00:00 UTC,,,false,true,false",
      "linen-shirt,Hidden,Meh,Sam,sam@example.com,3,2024-03-02,,,false,false,true",
      "linen-shirt,Bad date,Meh,Sam,sam@example.com,3,31/02/2024,,,false,false,false",
    ].join("\n"),
    imported: 2,
    errors: [{ line: 4, reason: /date ""31\/02\/2024""/ }],
  },
  okendo: {
    text: [
      "name,title,body,rating,dateCreated,sku,email,imageUrls,isVerifiedBuyer",
      "Lena,Warm,So warm,5,2024-02-10T08:00:00Z,SOCK-42,lena@example.com,,true",
      "Lena,Missing,No rating,,2024-02-10T08:00:00Z,SOCK-42,lena@example.com,,true",
      "Lena,Bad email,Fine,4,2024-02-10T08:00:00Z,SOCK-42,not-an-address,,false",
    ].join("\n"),
    imported: 1,
    errors: [
      { line: 3, reason: /rating is missing/ },
      { line: 4, reason: /not an address/ },
    ],
  },
  yotpo: {
    text: [
      "Review Score,Review Title,Review Content,Review Creation Date,Reviewer Display Name,Reviewer Email,Product ID,Product Handle,Product SKU,Published Image Url,Comment Content,Published",
      "4,Nice,Nice shirt,2023-12-24,Eva,eva@example.com,8001,,,,We are glad!,true",
      '5,Short row,"only a few columns"',
    ].join("\r\n"),
    imported: 1,
    errors: [{ line: 3, reason: /Expected 12 columns, found 3/ }],
  },
  loox: {
    text: [
      "rating,email,img,nickname,full_name,review,date,productId,handle,verified_purchase,reply,replied_at",
      "5,mia@example.com,,Mia,Mia Berg,Love them,2024-01-15,,wool-socks,true,,",
      "5,mia@example.com,,Mia,Mia Berg,Future,2099-01-15,,wool-socks,true,,",
    ].join("\n"),
    imported: 1,
    errors: [{ line: 3, reason: /in the future/ }],
  },
};

describe("importing a file per format", () => {
  it.each(Object.entries(FILES))(
    "%s: imports the good rows and reports each bad one with its line",
    async (_name, file) => {
      const shop = await shopWithProducts();
      const result = await importReviewsFile({ shop, fileName: "reviews.csv", data: utf8(file.text), now: NOW });
      if (!result.ok) throw new Error(result.message);
      expect(result).toMatchObject({ imported: file.imported, errors: file.errors.length, skipped: 0 });
      const report = (await rejectedRowsCsv(shop, result.importId))!.trim().split("\n").slice(1);
      expect(report.map((row) => Number(row.split(",")[0]))).toEqual(file.errors.map((e) => e.line));
      file.errors.forEach((error, i) => expect(report[i]).toMatch(error.reason));

      // Importing the same file again adds nothing.
      const again = await importReviewsFile({ shop, fileName: "reviews.csv", data: utf8(file.text), now: NOW });
      expect(again).toMatchObject({ ok: true, imported: 0, skipped: file.imported, errors: file.errors.length });
      expect(await db.review.count({ where: { shop } })).toBe(file.imported);
    },
  );

  it("keeps dates, source, verified only when the source says so, replies, and hidden reviews held", async () => {
    const shop = await shopWithProducts();
    await importReviewsFile({ shop, fileName: "a.csv", data: utf8(FILES.judgeme.text), now: NOW });
    await importReviewsFile({ shop, fileName: "b.csv", data: utf8(FILES.judgemeSecondHeaderSet.text), now: NOW });
    const reviews = await db.review.findMany({
      where: { shop },
      include: { reply: true },
      orderBy: { createdAt: "asc" },
    });
    const asa = reviews.find((r) => r.displayName === "Åsa K.")!;
    expect(asa).toMatchObject({
      source: "import",
      importSource: "judgeme",
      verifiedBuyer: false,
      status: "published",
      body: "Luftig, sval och mjuk.",
    });
    expect(asa.createdAt.toISOString()).toBe("2024-05-03T00:00:00.000Z");
    expect(asa.reply?.body).toBe("Tack, Åsa!");
    expect(reviews.find((r) => r.title === "Bra")!.createdAt.toISOString()).toBe("2024-03-05T00:00:00.000Z");
    expect(reviews.find((r) => r.title === "Spam")).toMatchObject({
      status: "pending",
      heldReasons: '["hidden_at_source"]',
    });
    expect(reviews.find((r) => r.title === "Great")).toMatchObject({ verifiedBuyer: true, status: "published" });
    expect(reviews.find((r) => r.title === "Great")!.createdAt.toISOString()).toBe("2024-03-01T10:00:00.000Z");
    expect(reviews.find((r) => r.title === "Hidden")).toMatchObject({ status: "pending" });

    // The touched products' metafields follow, and equal a recount.
    await drainJobs(jobDefinitions);
    for (const rating of await recountProductRatings(shop, ["8001", "8002"])) {
      expect((await standInProductMetafields(shop, rating.productId))["reviews.rating_count"]?.value).toBe(
        String(rating.count),
      );
    }
  });

  it("reads Windows-1252 and UTF-8 with a BOM, with ';' between fields as Swedish Excel writes", async () => {
    const shop = await shopWithProducts();
    const text = [
      "title;body;rating;review_date;source;curated;reviewer_name;reviewer_email;product_id;product_handle;reply;reply_date;picture_urls;ip_address;location",
      "Jättebra;Härlig kvalitet, värd varje öre;5;2024-06-01;web;ok;Örjan Å.;orjan@example.se;;wool-socks;;;;;",
    ].join("\r\n");
    const cp1252 = Buffer.from(text, "latin1");
    const preview = await uploadAndPreview(shop, "excel.csv", cp1252);
    expect(preview).toMatchObject({
      ok: true,
      format: "judgeme",
      encoding: "windows-1252",
      separator: ";",
      totalRows: 1,
    });
    expect(preview.ok && preview.rows[0]).toMatchObject({
      line: 2,
      ok: true,
      title: "Jättebra",
      displayName: "Örjan Å.",
      product: "wool-socks",
    });
    expect(await startImport(shop, preview.ok ? preview.importId : "")).toBe(true);
    await drainJobs(jobDefinitions);
    expect(await loadImport(shop, preview.ok ? preview.importId : "")).toMatchObject({
      status: "done",
      imported: 1,
      processedRows: 1,
    });
    expect((await db.review.findFirstOrThrow({ where: { shop } })).body).toBe("Härlig kvalitet, värd varje öre");

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text.replace("Jättebra", "Superbra"))]);
    const second = await uploadAndPreview(shop, "bom.csv", bom);
    expect(second).toMatchObject({ ok: true, encoding: "utf-8-bom", format: "judgeme" });
  });

  it("refuses a file whose columns match no format, or another format than the one chosen", async () => {
    const shop = await shopWithProducts();
    expect(await uploadAndPreview(shop, "x.csv", utf8("a,b,c\n1,2,3"))).toMatchObject({
      ok: false,
      message: expect.stringContaining("match no format"),
    });
    expect(await uploadAndPreview(shop, "x.csv", utf8(FILES.loox.text), "okendo")).toMatchObject({
      ok: false,
      message: expect.stringContaining("looks like a Loox file"),
    });
    expect(await uploadAndPreview(shop, "x.csv", Buffer.alloc(0))).toMatchObject({
      ok: false,
    });
  });

  it("detects each format from its header", () => {
    const header = (text: string) =>
      text
        .split(/\r?\n/)[0]
        .split(",")
        .map((h) => h.trim().toLowerCase());
    expect(
      Object.fromEntries(Object.entries(FILES).map(([name, file]) => [name, detectImportFormat(header(file.text))])),
    ).toEqual({
      judgeme: "judgeme",
      judgemeSecondHeaderSet: "judgeme",
      okendo: "okendo",
      yotpo: "yotpo",
      loox: "loox",
    });
  });

  it.each([
    ["2024-05-03", "2024-05-03T00:00:00.000Z"],
    ["2024-05-03 14:22:10 UTC", "2024-05-03T14:22:10.000Z"],
    ["2024-05-03T14:22:10+02:00", "2024-05-03T12:22:10.000Z"],
    ["03/05/2024", "2024-05-03T00:00:00.000Z"],
    ["3.5.2024", "2024-05-03T00:00:00.000Z"],
    ["05/13/2024", "2024-05-13T00:00:00.000Z"],
    ["13-05-2024 09:30", "2024-05-13T09:30:00.000Z"],
  ])("reads the date %s", (text, iso) => {
    expect(parseReviewDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["31/02/2024", "yesterday", "2024-13-01", ""])("refuses the date %j", (text) => {
    expect(parseReviewDate(text)).toBeNull();
  });
});

describe("imported photos", () => {
  let server: Server;
  let base: string;
  let takeBack: () => void;
  let flaky = 0;
  const jpeg = phoneJpegWithGps();
  const png = pngBytes(64, 48);
  beforeAll(async () => {
    const [gpsJpeg, plainPng] = await Promise.all([jpeg, png]);
    server = createServer((req, res) => {
      const send = (type: string, body: Buffer) => {
        res.writeHead(200, { "Content-Type": type });
        res.end(body);
      };
      switch (req.url) {
        case "/gps.jpg":
          return send("image/jpeg", gpsJpeg);
        // Served as bytes of no particular type: what it is comes from the bytes.
        case "/plain":
          return send("application/octet-stream", plainPng);
        // Named and labelled a JPEG, but a web page.
        case "/fake.jpg":
          return send("image/jpeg", HTML_PAGE);
        case "/huge.jpg": {
          // 16 MB, streamed without a length: cut off as it passes the intake's 15 MB.
          res.writeHead(200, { "Content-Type": "image/jpeg" });
          const block = Buffer.alloc(1024 * 1024, 0xff);
          for (let i = 0; i < 16; i += 1) res.write(block);
          return res.end();
        }
        case "/to-private":
          res.writeHead(302, { Location: "http://10.0.0.5/photo.jpg" });
          return res.end();
        case "/to-metadata":
          res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data" });
          return res.end();
        case "/to-other-local-port":
          res.writeHead(302, { Location: "http://127.0.0.1:5432/" });
          return res.end();
        case "/flaky.png":
          flaky += 1;
          if (flaky === 1) {
            res.writeHead(503);
            return res.end();
          }
          return send("image/png", plainPng);
        case "/slow":
          return; // never answers
        default:
          res.writeHead(404);
          return res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    takeBack = allowTestLoopbackServer(server);
  });
  afterAll(async () => {
    takeBack();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const download = () => path.join(mkdtempSync(path.join(os.tmpdir(), "kundrost-fetch-test-")), "file");

  it.each([
    ["10.0.0.8", "a private address"],
    ["192.168.1.20", "a private address"],
    ["172.16.5.4", "a private address"],
    ["127.0.0.1", "a loopback address"],
    ["169.254.169.254", "a link-local address"],
    ["::1", "a loopback address"],
    ["fe80::1", "a link-local address"],
    ["fd00::5", "a private (unique-local) address"],
    ["::ffff:10.1.2.3", "a private address"],
    ["0.0.0.0", "an unspecified address"],
    ["100.64.0.1", "a shared (CGNAT) address"],
  ])("never fetches from %s", (address, why) => {
    expect(forbiddenAddress(address)).toBe(why);
  });

  it("allows public addresses, and on loopback only the test's own listening server", () => {
    expect(forbiddenAddress("93.184.216.34")).toBeNull();
    expect(forbiddenAddress("2606:2800:220:1:248:1893:25c8:1946")).toBeNull();
    const port = (server.address() as AddressInfo).port;
    expect(forbiddenAddress("127.0.0.1", port)).toBeNull();
    // Another local service (a database, Redis) stays out of reach.
    expect(forbiddenAddress("127.0.0.1", 5432)).toBe("a loopback address");
    expect(forbiddenAddress("127.0.0.1", 6379)).toBe("a loopback address");
  });

  it("cannot allow loopback outside a test run, and an allowance stops working there", () => {
    const port = (server.address() as AddressInfo).port;
    const saved = { NODE_ENV: process.env.NODE_ENV, VITEST: process.env.VITEST };
    try {
      process.env.NODE_ENV = "production";
      expect(() => allowTestLoopbackServer(server)).toThrow(/only be allowed in a test run/);
      expect(forbiddenAddress("127.0.0.1", port)).toBe("a loopback address");
      process.env.NODE_ENV = "test";
      delete process.env.VITEST;
      expect(() => allowTestLoopbackServer(server)).toThrow(/only be allowed in a test run/);
      expect(forbiddenAddress("127.0.0.1", port)).toBe("a loopback address");
    } finally {
      process.env.NODE_ENV = saved.NODE_ENV;
      process.env.VITEST = saved.VITEST;
    }
    // A server that is not listening cannot be allowed.
    expect(() => allowTestLoopbackServer(createServer())).toThrow(/after it listens/);
  });

  it("refuses private, loopback and metadata addresses, also behind a redirect, and other schemes", async () => {
    const fetch = (url: string) => safeFetch(url, { toFile: download(), maxBytes: 1024 * 1024 });
    expect(await fetch("http://localhost:6379/")).toMatchObject({ ok: false, refused: true });
    expect(await fetch("http://10.1.2.3/photo.jpg")).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringContaining("a private address"),
    });
    expect(await fetch("file:///etc/passwd")).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringContaining("only http and https"),
    });
    expect(await fetch(`${base}/to-metadata`)).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringMatching(/redirects to a URL where .*link-local/),
    });
    expect(await fetch(`${base}/to-other-local-port`)).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringContaining("a loopback address"),
    });
  });

  it("keeps to one deadline for the whole fetch", async () => {
    const started = Date.now();
    expect(await safeFetch(`${base}/slow`, { toFile: download(), maxBytes: 1024, timeoutMs: 300 })).toMatchObject({
      ok: false,
      refused: false,
      reason: expect.stringContaining("Timed out"),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("runs each photo through the media intake; refuses a private address, a redirect to one, an oversized file and a non-image by line, and imports the rest", async () => {
    const shop = await shopWithProducts();
    const header =
      "title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location";
    const text = [
      header,
      `Pics,Two good ones,5,2024-05-03,web,ok,Ann,ann@example.se,,linen-shirt,,,"${base}/gps.jpg,${base}/plain",,`,
      `Private,Behind the firewall,4,2024-05-04,web,ok,Bo,bo@example.se,,linen-shirt,,,http://192.168.0.10/x.jpg,,`,
      `Redirect,Sneaky,4,2024-05-05,web,ok,Cy,cy@example.se,,wool-socks,,,${base}/to-private,,`,
      `Huge,Too big,3,2024-05-06,web,ok,Di,di@example.se,,wool-socks,,,${base}/huge.jpg,,`,
      `Fake,Not a photo,5,2024-05-07,web,ok,Ed,ed@example.se,,wool-socks,,,${base}/fake.jpg,,`,
      "Bad,Broken row,nine,2024-05-08,web,ok,Fi,fi@example.se,,wool-socks,,,,,",
    ].join("\n");
    const result = await importReviewsFile({ shop, fileName: "p.csv", data: utf8(text), now: NOW });
    expect(result).toMatchObject({ ok: true, imported: 5, errors: 1 });
    if (!result.ok) return;

    await drainJobs(jobDefinitions);

    const ann = await db.review.findFirstOrThrow({ where: { shop, displayName: "Ann" } });
    const media = await db.reviewMedia.findMany({ where: { reviewId: ann.id }, orderBy: { position: "asc" } });
    expect(media.map((m) => [m.kind, m.mimeType])).toEqual([
      ["photo", "image/webp"],
      ["photo", "image/webp"],
    ]);
    // Upright (the phone's 400x300 with orientation 6 is 300x400) and without EXIF: no GPS left.
    const stored = await mediaStorage().read(media[0].storageKey!);
    const chunks: Buffer[] = [];
    for await (const chunk of stored!.body) chunks.push(chunk as Buffer);
    const meta = await sharp(Buffer.concat(chunks)).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["webp", 300, 400, undefined]);
    expect(media[0].thumbnailKey).toBeTruthy();

    const report = await importPhotoReport(shop, result.importId);
    expect(report).toMatchObject({ stored: 2, refused: 4, failed: 0, waiting: 0 });
    expect(report.problems.map((p) => [p.line, p.reason])).toEqual([
      [3, expect.stringMatching(/192\.168\.0\.10 is a private address/)],
      [4, expect.stringMatching(/redirects to a URL where 10\.0\.0\.5 is a private address/)],
      [5, expect.stringContaining("larger than 15 MB")],
      [6, expect.stringContaining("not a photo")],
    ]);
    // The reviews whose photos were refused are imported all the same, without photos.
    expect(await db.review.count({ where: { shop } })).toBe(5);
    expect(await db.reviewMedia.count({ where: { shop } })).toBe(2);
    // The import's file is gone once it is done.
    expect(await db.reviewImportChunk.count({ where: { importId: result.importId } })).toBe(0);

    // The export names the stored photos by the address that serves them; a photo the merchant hid is left out.
    await db.reviewMedia.update({ where: { id: media[1].id }, data: { hidden: true } });
    let csv = "";
    for await (const chunk of exportReviewChunks(shop, "kundrost", { appUrl: "https://app.example/" })) csv += chunk;
    const annRow = csv.split("\r\n").find((row) => row.includes(",Ann,"))!;
    expect(annRow).toContain(`https://app.example/media/${media[0].token}/display.webp`);
    expect(annRow).not.toContain(media[1].token);
  });

  it("tries a photo again later when its server fails for a moment", async () => {
    const shop = await shopWithProducts();
    flaky = 0;
    const text = [
      "title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location",
      `Flaky,Server hiccup,5,2024-05-03,web,ok,Gus,gus@example.se,,linen-shirt,,,${base}/flaky.png,,`,
    ].join("\n");
    const result = await importReviewsFile({ shop, fileName: "f.csv", data: utf8(text), now: NOW });
    expect(result).toMatchObject({ ok: true, imported: 1 });
    const now = new Date();
    expect(await fetchImportedPhotos(shop, { now })).toMatchObject({ stored: 0, retrying: 1, remaining: 1 });
    const row = await db.reviewPhotoFetch.findFirstOrThrow({ where: { shop } });
    expect(row).toMatchObject({ status: "queued", attempts: 1, error: "The server answered 503." });
    // Not due yet: nothing is fetched.
    expect(await fetchImportedPhotos(shop, { now })).toMatchObject({ stored: 0, retrying: 0, remaining: 1 });
    const later = new Date(row.nextAttemptAt.getTime() + 1_000);
    expect(await fetchImportedPhotos(shop, { now: later })).toMatchObject({ stored: 1, remaining: 0 });
    expect(await db.reviewMedia.count({ where: { shop } })).toBe(1);
  });
});

describe("export", () => {
  it("streams every review in our format, which imports into another shop as the same reviews", async () => {
    const shop = await shopWithProducts();
    await importReviewsFile({ shop, fileName: "a.csv", data: utf8(FILES.judgeme.text), now: NOW });
    await db.review.updateMany({ where: { shop, title: "Bra" }, data: { body: '=HYPERLINK("http://evil")' } });
    let csv = "";
    for await (const chunk of exportReviewChunks(shop, "kundrost")) csv += chunk;
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^kundrost_id,product_id,product_handle,/);
    expect(csv).toContain("'=HYPERLINK");

    const target = await shopWithProducts();
    const result = await importReviewsFile({ shop: target, fileName: "ours.csv", data: utf8(csv), now: NOW });
    expect(result).toMatchObject({ ok: true, format: "kundrost", imported: 3, errors: 0 });
    const pick = (rows: { title: string | null; body: string; rating: number; status: string; createdAt: Date }[]) =>
      rows.map((r) => [r.title, r.body, r.rating, r.status, r.createdAt.toISOString()]).sort();
    expect(pick(await db.review.findMany({ where: { shop: target } }))).toEqual(
      pick(await db.review.findMany({ where: { shop } })),
    );
  });

  it("writes Judge.me's header and pages through more reviews than one page holds", async () => {
    const { shop } = await createShop();
    await db.review.createMany({
      data: Array.from({ length: 2_345 }, (_, i) => ({
        shop,
        productShopifyId: "8001",
        rating: 5,
        body: `Review ${i}`,
        displayName: "A",
        status: "published",
      })),
    });
    let rows = 0;
    let first = "";
    for await (const chunk of exportReviewChunks(shop, "judgeme")) {
      if (!first) first = chunk;
      rows += chunk.split("\r\n").length - 1;
    }
    expect(first.trim()).toBe(
      "title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location",
    );
    expect(rows).toBe(2_346);
  });
});

describe("the CLI", () => {
  it("imports a file and ends with exactly its summary line", async () => {
    const shop = await shopWithProducts();
    const dir = mkdtempSync(path.join(os.tmpdir(), "kundrost-cli-"));
    const file = path.join(dir, "loox.csv");
    writeFileSync(file, FILES.loox.text);
    const out = execFileSync("npx", ["tsx", "scripts/reviews.ts", "import", "--shop", shop, "--format", "auto", file], {
      env: { ...process.env, DATABASE_URL: databaseUrl() },
      encoding: "utf8",
    });
    expect(out.trim().split("\n").at(-1)).toBe("imported=1 skipped=0 errors=1");
  }, 60_000);

  it("exports to a file whole, and to a folder that is not there with a clear error and no file", async () => {
    const shop = await shopWithProducts();
    await importReviewsFile({ shop, fileName: "loox.csv", data: utf8(FILES.loox.text), now: NOW });
    const dir = mkdtempSync(path.join(os.tmpdir(), "kundrost-cli-"));
    const env = { ...process.env, DATABASE_URL: databaseUrl() };
    const file = path.join(dir, "reviews.csv");
    execFileSync("npx", ["tsx", "scripts/reviews.ts", "export", "--shop", shop, "--out", file], { env, stdio: "pipe" });
    expect(readFileSync(file, "utf8").split("\r\n")[0]).toContain("rating");
    expect(readdirSync(dir)).toEqual(["reviews.csv"]);

    const missing = path.join(dir, "not-there", "reviews.csv");
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync("npx", ["tsx", "scripts/reviews.ts", "export", "--shop", shop, "--out", missing], {
        env,
        stdio: "pipe",
        encoding: "utf8",
      });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toContain(`Cannot write ${missing}`);
    expect(readdirSync(dir).sort()).toEqual(["reviews.csv"]);
  }, 60_000);
});
