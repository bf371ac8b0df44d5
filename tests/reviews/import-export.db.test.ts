// Import from every peer and export: a file per format with malformed rows, each encoding and separator,
// re-import adds nothing, the photo fetch refuses private addresses, the export streams and re-imports, and
// the CLI's last line is exactly its summary.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
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
  loadImport,
  parseReviewDate,
  previewImport,
  recountProductRatings,
  rejectedRowsCsv,
  safeFetch,
  setImportedPhotoIntake,
  startImport,
  type ImportedPhoto,
} from "~/modules/reviews";
import { standInProductMetafields } from "~/modules/demo/standin.server";
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
      const result = await importReviewsFile({ shop, fileName: "reviews.csv", bytes: utf8(file.text), now: NOW });
      if (!result.ok) throw new Error(result.message);
      expect(result).toMatchObject({ imported: file.imported, errors: file.errors.length, skipped: 0 });
      const report = (await rejectedRowsCsv(shop, result.importId))!.trim().split("\n").slice(1);
      expect(report.map((row) => Number(row.split(",")[0]))).toEqual(file.errors.map((e) => e.line));
      file.errors.forEach((error, i) => expect(report[i]).toMatch(error.reason));

      // Importing the same file again adds nothing.
      const again = await importReviewsFile({ shop, fileName: "reviews.csv", bytes: utf8(file.text), now: NOW });
      expect(again).toMatchObject({ ok: true, imported: 0, skipped: file.imported, errors: file.errors.length });
      expect(await db.review.count({ where: { shop } })).toBe(file.imported);
    },
  );

  it("keeps dates, source, verified only when the source says so, replies, and hidden reviews held", async () => {
    const shop = await shopWithProducts();
    await importReviewsFile({ shop, fileName: "a.csv", bytes: utf8(FILES.judgeme.text), now: NOW });
    await importReviewsFile({ shop, fileName: "b.csv", bytes: utf8(FILES.judgemeSecondHeaderSet.text), now: NOW });
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
    const preview = await previewImport({ shop, fileName: "excel.csv", bytes: cp1252, now: NOW });
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
    const second = await previewImport({ shop, fileName: "bom.csv", bytes: bom, now: NOW });
    expect(second).toMatchObject({ ok: true, encoding: "utf-8-bom", format: "judgeme" });
  });

  it("refuses a file whose columns match no format, or another format than the one chosen", async () => {
    const shop = await shopWithProducts();
    expect(await previewImport({ shop, fileName: "x.csv", bytes: utf8("a,b,c\n1,2,3"), now: NOW })).toMatchObject({
      ok: false,
      message: expect.stringContaining("match no format"),
    });
    expect(
      await previewImport({ shop, fileName: "x.csv", bytes: utf8(FILES.loox.text), format: "okendo", now: NOW }),
    ).toMatchObject({ ok: false, message: expect.stringContaining("looks like a Loox file") });
    expect(await previewImport({ shop, fileName: "x.csv", bytes: Buffer.alloc(0), now: NOW })).toMatchObject({
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
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/photo.jpg") {
        res.writeHead(200, { "Content-Type": "image/jpeg" });
        res.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
      } else if (req.url === "/huge.jpg") {
        res.writeHead(200, { "Content-Type": "image/jpeg" });
        res.end(Buffer.alloc(50_000));
      } else if (req.url === "/to-metadata") {
        res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data" });
        res.end();
      } else {
        res.writeHead(200, { "Content-Type": "text/html" });
        res.end("<html></html>");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => setImportedPhotoIntake(null));

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

  it("allows public addresses", () => {
    expect(forbiddenAddress("93.184.216.34")).toBeNull();
    expect(forbiddenAddress("2606:2800:220:1:248:1893:25c8:1946")).toBeNull();
  });

  it("refuses a URL that resolves to a private or loopback address, and a redirect to the metadata service", async () => {
    expect(await safeFetch(`${base}/photo.jpg`)).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringContaining("loopback"),
    });
    expect(await safeFetch("http://localhost/photo.jpg")).toMatchObject({ ok: false, refused: true });
    expect(await safeFetch("http://10.1.2.3/photo.jpg")).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringContaining("private"),
    });
    expect(await safeFetch("file:///etc/passwd")).toMatchObject({ ok: false, refused: true });
    expect(await safeFetch(`${base}/to-metadata`, { allowLoopback: true })).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringContaining("link-local"),
    });
  });

  it("keeps to the size cap and takes only images (a test may allow its own loopback server)", async () => {
    expect(await safeFetch(`${base}/photo.jpg`, { allowLoopback: true })).toMatchObject({
      ok: true,
      contentType: "image/jpeg",
    });
    expect(await safeFetch(`${base}/huge.jpg`, { allowLoopback: true, maxBytes: 10_000 })).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringContaining("larger"),
    });
    expect(await safeFetch(`${base}/page`, { allowLoopback: true })).toMatchObject({
      ok: false,
      refused: true,
      reason: expect.stringContaining("not an image"),
    });
  });

  it("fetches an imported review's photo URLs in the background and hands them to the media intake", async () => {
    const shop = await shopWithProducts();
    const text = [
      "title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location",
      `Pics,With photos,5,2024-05-03,web,ok,Ann,ann@example.se,,linen-shirt,,,"${base}/photo.jpg,http://192.168.0.10/x.jpg",,`,
    ].join("\n");
    const result = await importReviewsFile({ shop, fileName: "p.csv", bytes: utf8(text), now: NOW });
    expect(result).toMatchObject({ ok: true, imported: 1 });
    const received: ImportedPhoto[] = [];
    setImportedPhotoIntake(async (photo) => {
      received.push(photo);
      return { ok: true };
    });
    const summary = await fetchImportedPhotos(shop, { fetch: { allowLoopback: true } });
    expect(summary).toEqual({ stored: 1, refused: 1, failed: 0, remaining: 0 });
    expect(received.map((p) => [p.sourceUrl, p.contentType, p.bytes.length])).toEqual([
      [`${base}/photo.jpg`, "image/jpeg", 7],
    ]);
    const rows = await db.reviewPhotoFetch.findMany({ where: { shop }, orderBy: { url: "asc" } });
    expect(rows.map((r) => r.status).sort()).toEqual(["refused", "stored"]);
    expect(rows.find((r) => r.status === "refused")?.error).toContain("private");
  });
});

describe("export", () => {
  it("streams every review in our format, which imports into another shop as the same reviews", async () => {
    const shop = await shopWithProducts();
    await importReviewsFile({ shop, fileName: "a.csv", bytes: utf8(FILES.judgeme.text), now: NOW });
    await db.review.updateMany({ where: { shop, title: "Bra" }, data: { body: '=HYPERLINK("http://evil")' } });
    let csv = "";
    for await (const chunk of exportReviewChunks(shop, "kundrost")) csv += chunk;
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^kundrost_id,product_id,product_handle,/);
    expect(csv).toContain("'=HYPERLINK");

    const target = await shopWithProducts();
    const result = await importReviewsFile({ shop: target, fileName: "ours.csv", bytes: utf8(csv), now: NOW });
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
});
