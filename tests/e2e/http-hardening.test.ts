// What a stranger or a careless network can do to the app server (issue 9), against the built app in a process
// of its own run as `npm run demo` runs it (demo mode, NODE_ENV unset = development): bodies refused before
// they are read, bad input answered with a 4xx and one log line, no review token in the log, security headers
// on every shopper response, no stack in an error page.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import db from "~/db.server";
import { signReviewToken } from "~/modules/reviews/review-links.server";
import { ensureAppBuild, startAppServer, type AppServer } from "../../scripts/server";
import { createReviewRequest, createShop, LINEN_SHIRT, reviewLink } from "../reviews/review-request-factory";
import { startAppServerChild, type AppServerChild } from "./support/app-server-child";
import {
  filler,
  movWithLocation,
  multipartBody,
  paddedJpeg,
  paddedVideo,
  phoneJpegWithGps,
  scratchDir,
  type StreamedFile,
} from "../media/media-files";

const MB = 1024 * 1024;
let app: AppServerChild;
// The app's temporary uploads, so a test can see that none stays behind.
const scratch = scratchDir();
const uploadsDir = path.join(scratch, "uploads");

beforeAll(async () => {
  ensureAppBuild();
  mkdirSync(uploadsDir);
  app = await startAppServerChild({
    KUNDROST_DEMO: "1",
    NODE_ENV: "development",
    LOG_LEVEL: "info",
    // The log lines are read as JSON (demo mode otherwise prints human lines).
    LOG_FORMAT: "json",
    MEDIA_TMP_DIR: uploadsDir,
  });
}, 240_000);

afterAll(async () => {
  await app?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * POSTs `body` as it is made, stopping as soon as the server answers. `declareLength: false` sends it chunked
 * (no Content-Length). `stopAfterBytes` sends that much and then waits with the request open.
 */
function postStream(
  path: string,
  body: StreamedFile,
  options: { declareLength: boolean; contentType: string; stopAfterBytes?: number; headers?: Record<string, string> },
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    let answered = false;
    // A keep-alive connection of its own: the server keeps it open (reading on) long enough for the answer to be
    // read ("Connection: close" would have it hang up at once), and a connection it then hangs up on is never
    // reused for the next request.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const req = http.request(`${app.url}${path}`, {
      method: "POST",
      agent,
      headers: {
        "Content-Type": options.contentType,
        ...(options.declareLength ? { "Content-Length": String(body.size) } : {}),
        ...options.headers,
      },
    });
    req.on("response", (res) => {
      answered = true;
      let text = "";
      res.on("data", (data: Buffer) => (text += data.toString()));
      res.on("end", () => {
        resolve({ status: res.statusCode!, headers: res.headers, body: text });
        req.destroy();
        agent.destroy();
      });
    });
    // The server hangs up on a body it refused; that is the point, not a failure.
    req.on("error", (error) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 1_000);
    });
    const chunks = body.chunks()[Symbol.iterator]();
    let sent = 0;
    const limit = options.stopAfterBytes ?? body.size;
    // A turn of the event loop after every chunk, so an early answer is read before the server hangs up.
    const pump = async () => {
      while (!answered && sent < limit) {
        const next = chunks.next();
        if (next.done) break;
        const chunk = sent + next.value.length > limit ? next.value.subarray(0, limit - sent) : next.value;
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((resume) => req.once("drain", resume));
        else await new Promise((resume) => setImmediate(resume));
      }
      if (!answered && options.stopAfterBytes === undefined) req.end();
    };
    void pump();
  });
}

/** POSTs `totalBytes` of an url-encoded body (see postStream). */
function postBody(
  path: string,
  options: { totalBytes: number; declareLength: boolean; stopAfterBytes?: number; headers?: Record<string, string> },
): Promise<Sent> {
  return postStream(path, filler(options.totalBytes), { contentType: "application/x-www-form-urlencoded", ...options });
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${app.url}${path}`, { redirect: "manual", ...init });
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

function logLines(): { level: number; msg: string; [key: string]: unknown }[] {
  return app
    .log()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

function expectShopperHeaders(response: { headers: Headers } | Sent, label: string) {
  const get = (name: string) =>
    ("get" in response.headers
      ? (response.headers as Headers).get(name)
      : ((response.headers as http.IncomingHttpHeaders)[name] as string | undefined)) ?? "";
  expect(get("content-security-policy"), label).toContain("frame-ancestors 'none'");
  expect(get("content-security-policy"), label).toContain("default-src 'self'");
  expect(get("x-content-type-options"), label).toBe("nosniff");
  expect(get("cache-control"), label).toContain("no-store");
}

describe("request bodies", () => {
  it("refuses a 200 MB POST early, declared or streamed, with bounded memory", async () => {
    // Warm up: the pages render once, so what is measured after is the body alone.
    const { shop } = await createShop({ name: "Warm-up" });
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    for (let i = 0; i < 3; i++) expect((await send(`/r/${reviewLink(request)}`)).status).toBe(200);
    const before = app.peakRssBytes();

    const declared = await postBody("/r/anything", { totalBytes: 200 * MB, declareLength: true });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatch(/too large/);
    expectShopperHeaders(declared, "413 declared");

    // Streamed to a real review link, whose form the page reads: the count stops it. (A link that is not one is
    // answered 404 without reading the body, which may come before the count's 413 — the next test.)
    const streamed = await postBody(`/r/${reviewLink(request)}`, { totalBytes: 200 * MB, declareLength: false });
    expect(streamed.status).toBe(413);

    const admin = await postBody("/app/settings", { totalBytes: 50 * MB, declareLength: true });
    expect(admin.status).toBe(413);

    const grown = app.peakRssBytes() - before;
    console.log(
      `app server peak RSS grew ${(grown / MB).toFixed(1)} MB over a 200 MB declared, a 200 MB chunked and a 50 MB admin POST`,
    );
    expect(grown).toBeLessThan(48 * MB);
  });

  it("answers a bad review link without reading the body (no upload is waited for)", async () => {
    const answer = await postBody(`/r/1.not-a-real-token.x`, {
      totalBytes: 60_000,
      declareLength: true,
      stopAfterBytes: 1_000,
    });
    expect([400, 404]).toContain(answer.status);
  });
  it("keeps the connection of a small refused form usable for the client's next request", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const once = (init: { method: string; contentType?: string; body?: string }) =>
      new Promise<{ status: number; port: number }>((resolve, reject) => {
        const req = http.request(`${app.url}/r/anything`, {
          method: init.method,
          agent,
          headers: init.contentType ? { "Content-Type": init.contentType } : {},
        });
        req.on("response", (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, port: req.socket!.localPort! }));
        });
        req.on("error", reject);
        req.end(init.body);
      });
    try {
      const refused = await once({ method: "POST", contentType: "application/json", body: "{}" });
      expect(refused.status).toBe(415);
      // Past the time the server reads on after a refusal before it hangs up on a client still sending.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const next = await once({ method: "GET" });
      expect(next.status).toBe(404);
      expect(next.port).toBe(refused.port);
    } finally {
      agent.destroy();
    }
  });
});

describe("the review page's upload (photos and video)", () => {
  const photo = (jpeg: Buffer, index: number) => ({
    name: "photos[7001]",
    fileName: `IMG_${4030 + index}.JPG`,
    contentType: "image/jpeg",
    file: paddedJpeg(jpeg, 14.5 * MB),
  });
  const text = [
    { name: "rating[7001]", value: "5" },
    { name: "body[7001]", value: "Soft linen, and the photos show the colour." },
    { name: "displayName", value: "Anna L." },
  ];

  it("refuses an upload over the whole-request cap (about 205 MB) early, declared or streamed, with flat memory", async () => {
    const { shop } = await createShop({ name: "Stor & Co" });
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const at = `/r/${reviewLink(request)}`;
    const jpeg = await phoneJpegWithGps();
    // Four 14.5 MB photos and a 150 MB "video": each file under way is capped by the intake, the whole by the
    // server's table.
    const tooBig = () =>
      multipartBody([
        ...text,
        ...[0, 1, 2, 3].map((index) => photo(jpeg, index)),
        { name: "video[7001]", fileName: "IMG_0001.MOV", contentType: "video/quicktime", file: filler(150 * MB) },
      ]);
    expect(tooBig().size).toBeGreaterThan(208 * MB);
    const before = app.peakRssBytes();

    const declared = await postStream(at, tooBig(), { declareLength: true, contentType: tooBig().contentType });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatch(/too large \(at most 205 MB for a review upload\)/);
    expectShopperHeaders(declared, "413 upload declared");

    const body = tooBig();
    const streamed = await postStream(at, body, { declareLength: false, contentType: body.contentType });
    expect(streamed.status).toBe(413);

    const grown = app.peakRssBytes() - before;
    console.log(
      `app server peak RSS grew ${(grown / MB).toFixed(1)} MB over a ${(body.size / MB).toFixed(0)} MB upload, declared and chunked`,
    );
    expect(grown).toBeLessThan(48 * MB);
    expect(await db.review.count({ where: { shop } })).toBe(0);
    // The chunked one reached the intake: what it had written went when the request failed.
    await expect.poll(() => readdirSync(uploadsDir), { timeout: 5_000 }).toEqual([]);
  });

  it("accepts an upload at the limits (five 14.5 MB photos and a 99 MB video) streamed to disk, not memory", async () => {
    const { shop } = await createShop({ name: "Full & Co" });
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const at = `/r/${reviewLink(request)}`;
    const jpeg = await phoneJpegWithGps();
    const clip = readFileSync(movWithLocation(scratch, 1));
    const body = multipartBody([
      ...text,
      ...[0, 1, 2, 3, 4].map((index) => photo(jpeg, index)),
      {
        name: "video[7001]",
        fileName: "IMG_0001.MOV",
        contentType: "video/quicktime",
        file: paddedVideo(clip, 99 * MB),
      },
    ]);
    expect(body.size).toBeGreaterThan(170 * MB);
    // Warm up: a review with one small photo, so what is measured after is the upload alone.
    const warm = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const small = multipartBody([
      ...text,
      { name: "photos[7001]", fileName: "small.jpg", contentType: "image/jpeg", file: paddedJpeg(jpeg, jpeg.length) },
    ]);
    const warmed = await postStream(`/r/${reviewLink(warm.request)}`, small, {
      declareLength: true,
      contentType: small.contentType,
    });
    expect(warmed.status).toBe(302);
    const before = app.peakRssBytes();

    const saved = await postStream(at, body, { declareLength: true, contentType: body.contentType });
    expect(saved.status).toBe(302);
    expect(saved.headers.location).toMatch(/\/thanks$/);
    const grown = app.peakRssBytes() - before;
    console.log(
      `app server peak RSS grew ${(grown / MB).toFixed(1)} MB over a legal ${(body.size / MB).toFixed(0)} MB upload`,
    );
    expect(grown).toBeLessThan(64 * MB);

    const review = await db.review.findFirstOrThrow({
      where: { shop, requestId: request.id },
      include: { media: true },
    });
    expect(review.media.map((item) => [item.kind, item.status]).sort()).toEqual([
      ["photo", "ready"],
      ["photo", "ready"],
      ["photo", "ready"],
      ["photo", "ready"],
      ["photo", "ready"],
      ["video", "processing"],
    ]);
    expect(readdirSync(uploadsDir)).toEqual([]);
  });

  it("answers a bad review link before reading an upload", async () => {
    const body = multipartBody([
      { name: "video[1]", fileName: "a.mov", contentType: "video/quicktime", file: filler(60 * MB) },
    ]);
    const answer = await postStream("/r/1.not-a-real-token.x", body, {
      declareLength: true,
      contentType: body.contentType,
      stopAfterBytes: 64 * 1024,
    });
    expect([400, 404]).toContain(answer.status);
  });
});

describe("shopper pages", () => {
  it("keep review tokens out of every log line of a full shopper flow, errors included", async () => {
    const { shop } = await createShop({ name: "Logg & Co" });
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const token = reviewLink(request);
    const at = `/r/${token}`;

    expect((await send(`${at}?rating=4`)).status).toBe(200);
    const saved = await send(
      at,
      form({ "rating[7001]": "5", "body[7001]": "Soft linen, fits well.", displayName: "Anna L." }),
    );
    expect(saved.status).toBe(302);
    expect((await send(`${at}/thanks`)).status).toBe(200);
    expect((await send(`${at}/unsubscribe`)).status).toBe(200);
    expect((await send(`${at}/not-arrived`)).status).toBe(200);
    expect((await send(`${at}/unsubscribe`, form({ intent: "unsubscribe" }))).status).toBe(200);
    expect((await send(`${at}/thanks`, form({ x: "1" }))).status).toBe(405);
    expect((await send(`${at}/no-such-page`)).status).toBe(404);
    expect(
      (await send(at, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status,
    ).toBe(415);

    // The log is written as the requests finish; wait for the last one's line.
    await expect
      .poll(() => logLines().filter((line) => line.msg === "request").length, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(9);
    const log = app.log();
    const [, claims, signature] = token.split(".");
    expect(log).not.toContain(token);
    expect(log).not.toContain(signature);
    expect(log).not.toContain(claims);
    expect(log).toContain("/r/[redacted]");
  });

  it("answers Remix's origin check, a wrong content type and too many product fields with a 4xx and no error log", async () => {
    const { shop } = await createShop({ name: "Fyra & Co" });
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const at = `/r/${reviewLink(request)}`;
    const errorsBefore = logLines().filter((line) => line.level >= 50).length;

    const crossSite = await send(at, {
      ...form({ "rating[7001]": "5" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toMatch(/another site/);

    const json = await send(at, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ rating: 5 }),
    });
    expect(json.status).toBe(415);

    const fields: Record<string, string> = {};
    for (let i = 0; i < 60; i++) fields[`rating[${8000 + i}]`] = "5";
    const tooMany = await send(at, form(fields));
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain("more products than your order has");

    for (const response of [crossSite, json, tooMany]) expectShopperHeaders(response, `refusal ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      logLines()
        .filter((line) => line.level >= 50)
        .slice(errorsBefore),
    ).toEqual([]);
    expect(logLines().filter((line) => line.msg === "request refused").length).toBeGreaterThanOrEqual(2);
  });

  it("send the security headers on every shopper route, and the thanks redirect is not cached", async () => {
    const { shop } = await createShop({ name: "Huvud & Co" });
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const at = `/r/${reviewLink(request)}`;
    const responses: [string, Response][] = [
      ["review page", await send(at)],
      ["bad link", await send("/r/1.bad.link")],
      ["thanks before any review (redirect)", await send(`${at}/thanks`)],
      ["unsubscribe", await send(`${at}/unsubscribe`)],
      ["not arrived", await send(`${at}/not-arrived`)],
      ["not arrived, bad link", await send("/r/nope/not-arrived")],
      ["unknown page", await send(`${at}/elsewhere`)],
      ["saved (redirect to thanks)", await send(at, form({ "rating[7001]": "4", displayName: "Anna L." }))],
    ];
    for (const [label, response] of responses) expectShopperHeaders(response, label);
    expect(responses[2][1].status).toBe(302);
    expect(responses[7][1].status).toBe(302);
    expect(responses[7][1].headers.get("location")).toMatch(/\/thanks$/);
  });

  it("show no stack or file path when a page fails, even in development mode", async () => {
    const { shop } = await createShop({ name: "Trasig & Co" });
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const at = `/r/${reviewLink(request)}`;
    expect((await send(at, form({ "rating[7001]": "5", displayName: "Anna L." }))).status).toBe(302);
    // With the reviews table out of reach, the thanks page's loader fails inside Prisma (an invalid time zone no
    // longer does: shops validates it with a fallback). The table is put back whatever happens.
    await db.$executeRawUnsafe('ALTER TABLE "Review" RENAME TO "Review_unreachable"');
    let failed: Response;
    let page: string;
    try {
      failed = await send(`${at}/thanks`);
      page = await failed.text();
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "Review_unreachable" RENAME TO "Review"');
    }

    expect(failed.status).toBe(500);
    expect(page).not.toMatch(/RangeError|Invalid time zone|\s+at \S+ \(|node_modules|\/app\/routes|\.tsx?:\d+/);
    expectShopperHeaders(failed, "500 page");
  });
});

describe("review links from a reply email (/rv/<token>)", () => {
  async function reviewToken() {
    const { shop } = await createShop({ name: "Svar & Co" });
    const review = await db.review.create({
      data: {
        shop,
        productShopifyId: LINEN_SHIRT.shopifyId,
        rating: 2,
        body: "The seams came apart after one wash.",
        displayName: "Kim",
        email: "kim@example.com",
        status: "published",
        publishedAt: new Date(),
      },
    });
    return signReviewToken({ reviewId: review.id, shop, expiresAt: new Date(Date.now() + 86_400_000) });
  }

  it("send the shopper-page security headers and keep the token out of the log", async () => {
    const token = await reviewToken();
    const at = `/rv/${token}`;
    const responses: [string, Response][] = [
      ["update page", await send(at)],
      ["updated", await send(at, form({ rating: "4", title: "", body: "Fixed by the shop, works now." }))],
      ["unsubscribe page", await send(`${at}/unsubscribe`)],
      ["unsubscribed", await send(`${at}/unsubscribe`, form({ "List-Unsubscribe": "One-Click" }))],
      ["bad link", await send("/rv/rv1.not-a-token.x")],
    ];
    expect(responses.map(([, response]) => response.status)).toEqual([200, 200, 200, 200, 400]);
    for (const [label, response] of responses) expectShopperHeaders(response, label);

    await expect
      .poll(() => logLines().filter((line) => typeof line.path === "string" && line.path.startsWith("/rv/")).length, {
        timeout: 5_000,
      })
      .toBeGreaterThanOrEqual(5);
    const log = app.log();
    const [, claims, signature] = token.split(".");
    expect(log).not.toContain(signature);
    expect(log).not.toContain(claims);
    expect(log).toContain("/rv/[redacted]");
  });

  it("answer a bad link without reading the body, and take no more than a shopper form", async () => {
    const bad = await postBody("/rv/rv1.not-a-real-token.x", {
      totalBytes: 60_000,
      declareLength: true,
      stopAfterBytes: 1_000,
    });
    expect([400, 404]).toContain(bad.status);
    const token = await reviewToken();
    const tooLarge = await postBody(`/rv/${token}`, { totalBytes: 2 * MB, declareLength: true });
    expect(tooLarge.status).toBe(413);
    expectShopperHeaders(tooLarge, "413 on /rv/");
  });
});

describe("the review import upload", () => {
  it("takes a CSV larger than an admin form, and refuses one past the import's limit before reading it", async () => {
    const header =
      "title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location";
    const row = (i: number) =>
      `Fine,"${"Good linen, soft and well made. ".repeat(8)}",5,2025-03-0${(i % 9) + 1},web,ok,Anna ${i},anna${i}@example.com,,linen-shirt,,,,,`;
    const lines = [header];
    while (lines.join("\n").length < 3 * MB)
      lines.push(...Array.from({ length: 1000 }, (_, i) => row(lines.length + i)));
    const upload = new FormData();
    upload.set("format", "auto");
    upload.set("file", new Blob([lines.join("\n")], { type: "text/csv" }), "judgeme.csv");
    const previewed = await send("/app/imports?index&_data=routes%2Fapp.imports._index", {
      method: "POST",
      body: upload,
    });
    expect(previewed.status).toBe(200);
    expect(await previewed.json()).toMatchObject({ ok: true, format: "judgeme", totalRows: lines.length - 1 });

    // Declared, then nothing more is sent: the answer comes from the declared length alone.
    const huge = await postBody("/app/imports?index", {
      totalBytes: 200 * MB,
      declareLength: true,
      stopAfterBytes: 1_000,
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(huge.status).toBe(413);
  });
});

describe("the embedded admin's frame-ancestors", () => {
  it("in demo mode lets only the app itself frame the admin", async () => {
    for (const path of ["/app", "/app/reviews", "/app/no-such-screen"]) {
      const response = await send(path);
      expect(response.headers.get("content-security-policy"), path).toBe("frame-ancestors 'self';");
    }
  });

  it("outside demo mode names Shopify's admin, and the shop when it is known, also without ?shop=", async () => {
    ensureAppBuild();
    let server: AppServer | undefined;
    try {
      server = await startAppServer();
      const bare = await fetch(`${server.url}/app`, { redirect: "manual" });
      expect(bare.headers.get("content-security-policy")).toBe(
        "frame-ancestors https://*.myshopify.com https://admin.shopify.com;",
      );
      const withShop = await fetch(`${server.url}/app/reviews?shop=nordic-linen.myshopify.com`, { redirect: "manual" });
      expect(withShop.headers.get("content-security-policy")).toContain(
        "frame-ancestors https://nordic-linen.myshopify.com https://admin.shopify.com",
      );
      const forged = await fetch(`${server.url}/app?shop=evil.example.com`, { redirect: "manual" });
      expect(forged.headers.get("content-security-policy")).toBe(
        "frame-ancestors https://*.myshopify.com https://admin.shopify.com;",
      );
    } finally {
      await server?.close();
    }
  });
});
