// The Reviews screen and a review's detail, through the routes a merchant's browser calls (real session
// tokens, real database): listing, filters, search, keyset pages, bulk and single moderation, the public
// reply, and that one shop can neither read nor change another shop's reviews.
import { getJwt } from "@shopify/shopify-api/test-helpers";
import db from "~/db.server";
import { LOCAL_API_KEY } from "~/config.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { listShopReviews, ratingSummary, SEARCH_SCAN_LIMIT } from "~/modules/reviews";
import { action as listAction, loader as listLoader } from "~/routes/app.reviews._index/route";
import { action as detailAction, loader as detailLoader } from "~/routes/app.reviews.$id/route";
import {
  actionArgs,
  adminFormPost,
  APP_URL,
  adminPageRequest,
  createOrder,
  installedShop,
  jsonOf,
  loaderArgs,
  responseOf,
} from "./support";

interface ListedReview {
  id: string;
  rating: number;
  title: string | null;
  excerpt: string;
  displayName: string;
  verifiedBuyer: boolean;
  status: string;
  language: string;
  productTitle: string;
  createdAt: string;
  waiting: string | null;
  thumbnailUrl: string | null;
  mediaCount: number;
  hasReply: boolean;
}
interface ListPage {
  rows: ListedReview[];
  nextCursor: string | null;
  prevCursor: string | null;
  searchStoppedAt: string | null;
  counts: { pending: number; published: number; rejected: number };
  products: { shopifyId: string; title: string }[];
  matching: number | null;
}

const SHIRT = { shopifyId: "8001", title: "Linen Shirt" };
const MUGS = { shopifyId: "8002", title: "Ceramic Mug Set" };

async function stockProducts(shop: string) {
  for (const [index, product] of [SHIRT, MUGS].entries()) {
    await db.product.create({
      data: {
        shop,
        shopifyId: product.shopifyId,
        title: product.title,
        handle: `p-${index}`,
        productType: index === 0 ? "Shirts" : "Kitchen",
      },
    });
  }
}

const at = (minute: number) => new Date(Date.UTC(2026, 3, 1, 9, 0) + minute * 60_000);

async function writeReview(
  shop: string,
  fields: {
    rating?: number;
    status?: string;
    product?: string;
    title?: string | null;
    body?: string;
    displayName?: string;
    verifiedBuyer?: boolean;
    locale?: string;
    createdAt?: Date;
    orderId?: string;
    requestId?: string;
  } = {},
) {
  const status = fields.status ?? "published";
  const createdAt = fields.createdAt ?? at(0);
  return db.review.create({
    data: {
      shop,
      productShopifyId: fields.product ?? SHIRT.shopifyId,
      rating: fields.rating ?? 5,
      status,
      title: fields.title === undefined ? "Lovely" : fields.title,
      body: fields.body ?? "Soft linen, true to size.",
      displayName: fields.displayName ?? "Anna L.",
      email: "anna.lind@example.se",
      verifiedBuyer: fields.verifiedBuyer ?? true,
      locale: fields.locale ?? "en",
      orderId: fields.orderId ?? null,
      requestId: fields.requestId ?? null,
      createdAt,
      publishedAt: status === "published" ? createdAt : null,
    },
  });
}

async function openList(shop: string, query = ""): Promise<ListPage> {
  const request = await adminPageRequest(shop, `/app/reviews${query ? `?${query}` : ""}`);
  return jsonOf<ListPage>(() => listLoader(loaderArgs(request)));
}

async function bulk(shop: string, intent: string, ids: string[], extra: Record<string, string> = {}) {
  const request = await adminFormPost(shop, "/app/reviews?index", { intent, ids: ids.join(","), ...extra });
  return responseOf(() => listAction(actionArgs(request)));
}

async function openReview(shop: string, id: string) {
  const request = await adminPageRequest(shop, `/app/reviews/${id}`);
  return responseOf(() => detailLoader(loaderArgs(request, { id })));
}

async function postToReview(shop: string, id: string, fields: Record<string, string>) {
  const request = await adminFormPost(shop, `/app/reviews/${id}`, fields);
  return responseOf(() => detailAction(actionArgs(request, { id })));
}

/** Products marked for a metafield rewrite (the batched sync job writes them). */
async function ratingJobsFor(shop: string) {
  const stale = await db.productRatingSync.findMany({ where: { shop } });
  return stale.map((row) => row.productShopifyId).sort();
}

describe("the Reviews list", () => {
  it("shows each review with its stars, excerpt, product, name, verified badge, status, language and date", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    await writeReview(shop, {
      rating: 4,
      title: "Cool in the heat",
      body: "Light linen that breathes well. ".repeat(8),
      displayName: "Sven B.",
      locale: "sv",
      createdAt: new Date("2026-04-01T22:30:00Z"),
    });
    const page = await openList(shop);
    expect(page.rows).toHaveLength(1);
    const [row] = page.rows;
    expect(row).toMatchObject({
      rating: 4,
      title: "Cool in the heat",
      displayName: "Sven B.",
      verifiedBuyer: true,
      status: "published",
      language: "SV",
      productTitle: "Linen Shirt",
      // The shop is in Stockholm: 22:30 UTC is already the next day there.
      createdAt: "2 Apr 2026",
    });
    expect(row.excerpt.length).toBeLessThanOrEqual(140);
    expect(row.excerpt.endsWith("…")).toBe(true);
    expect(page.products.map((p) => p.title)).toEqual(["Ceramic Mug Set", "Linen Shirt"]);
  });

  it("marks the reviews the shop has answered, and a product it no longer has by its id", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    const answered = await writeReview(shop, { createdAt: new Date("2026-04-02T10:00:00Z") });
    const unanswered = await writeReview(shop, { createdAt: new Date("2026-04-01T10:00:00Z") });
    await writeReview(shop, { createdAt: new Date("2026-03-01T10:00:00Z"), product: "8999" });
    await db.reviewReply.create({ data: { shop, reviewId: answered.id, body: "Thank you!" } });
    const page = await openList(shop);
    const byId = new Map(page.rows.map((row) => [row.id, row] as const));
    expect(byId.get(answered.id)).toMatchObject({ hasReply: true, productTitle: "Linen Shirt", mediaCount: 0 });
    expect(byId.get(unanswered.id)).toMatchObject({ hasReply: false, thumbnailUrl: null });
    expect(page.rows[2]).toMatchObject({ productTitle: "Product 8999", hasReply: false });
  });

  it("counts every status on its tab and lists only that status when a tab is chosen", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    for (const [i, status] of ["published", "published", "published", "pending", "pending", "rejected"].entries()) {
      await writeReview(shop, { status, createdAt: at(i) });
    }
    const all = await openList(shop);
    expect(all.counts).toEqual({ published: 3, pending: 2, rejected: 1 });
    expect(all.rows).toHaveLength(6);
    const pending = await openList(shop, "status=pending");
    expect(pending.rows.map((r) => r.status)).toEqual(["pending", "pending"]);
    // The tabs keep counting every status while one is shown.
    expect(pending.counts).toEqual(all.counts);
  });

  it("says how long each held review has waited, counted from its latest move back to the queue", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    const day = 86_400_000;
    const old = await writeReview(shop, { status: "pending", createdAt: new Date(Date.now() - 9 * day) });
    const fresh = await writeReview(shop, { status: "pending", createdAt: new Date(Date.now() - 2 * 3_600_000) });
    const reported = await writeReview(shop, { status: "pending", createdAt: new Date(Date.now() - 30 * day) });
    // Published a month ago, sent back to the queue by shoppers' reports three days ago.
    await db.reviewModerationEvent.create({
      data: {
        shop,
        reviewId: reported.id,
        action: "held",
        actor: "shopper",
        toStatus: "pending",
        reasons: '["reported"]',
        createdAt: new Date(Date.now() - 3 * day),
      },
    });
    const published = await writeReview(shop, { status: "published" });
    const rows = (await openList(shop)).rows;
    const waiting = (id: string) => rows.find((row) => row.id === id)?.waiting;
    expect([waiting(old.id), waiting(fresh.id), waiting(reported.id), waiting(published.id)]).toEqual([
      "9 days",
      "less than a day",
      "3 days",
      null,
    ]);
  });

  it("filters by rating, product and verified buyers, and the counts follow those filters", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    await writeReview(shop, { rating: 5, product: SHIRT.shopifyId, createdAt: at(1) });
    await writeReview(shop, { rating: 1, product: SHIRT.shopifyId, status: "pending", createdAt: at(2) });
    await writeReview(shop, {
      rating: 1,
      product: MUGS.shopifyId,
      status: "pending",
      verifiedBuyer: false,
      createdAt: at(3),
    });
    await writeReview(shop, { rating: 4, product: MUGS.shopifyId, verifiedBuyer: false, createdAt: at(4) });

    const oneStar = await openList(shop, "rating=1");
    expect(oneStar.rows.map((r) => r.rating)).toEqual([1, 1]);
    expect(oneStar.counts).toEqual({ published: 0, pending: 2, rejected: 0 });

    const mugs = await openList(shop, `product=${MUGS.shopifyId}`);
    expect(mugs.rows.map((r) => r.productTitle)).toEqual(["Ceramic Mug Set", "Ceramic Mug Set"]);

    const verified = await openList(shop, "verified=1");
    expect(verified.rows.every((r) => r.verifiedBuyer)).toBe(true);
    expect(verified.rows).toHaveLength(2);

    const combined = await openList(shop, `rating=1&product=${SHIRT.shopifyId}&verified=1&status=pending`);
    expect(combined.rows).toHaveLength(1);

    // A hand-edited URL falls back to "no filter" rather than an error.
    const odd = await openList(shop, "rating=9&status=deleted&product=abc");
    expect(odd.rows).toHaveLength(4);
  });

  it("takes several ratings at once (the 1–2★ view) and counts every review matching beyond the page", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    for (const [minute, rating] of [5, 4, 2, 1, 3, 2, 1].entries())
      await writeReview(shop, { rating, createdAt: at(minute) });
    const low = await openList(shop, "rating=1,2");
    expect(low.rows.map((r) => r.rating)).toEqual([1, 2, 1, 2]);
    expect(low.counts).toEqual({ published: 4, pending: 0, rejected: 0 });
    expect(low.matching).toBe(4);
    expect((await openList(shop, "rating=2,1,2")).rows).toHaveLength(4);
    expect((await openList(shop, "rating=1,2,3,4,5")).rows).toHaveLength(7);
    // A search's matches are known page by page only: no "all matching" count.
    expect((await openList(shop, "q=words")).matching).toBeNull();
  });

  it("shows a review without a title by its own words, cut at a whole word with an ellipsis", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    const body =
      "Snygg skjorta men liten i storleken, beställ en större storlek än vanligt om du är mellan två storlekar eller gillar luftigt, och tvätta den kallt så att den inte krymper mer";
    await writeReview(shop, { title: null, body, createdAt: at(1) });
    const [row] = (await openList(shop, "")).rows;
    expect(row.excerpt.endsWith("…")).toBe(true);
    const shown = row.excerpt.slice(0, -1);
    expect(body.startsWith(shown)).toBe(true);
    expect(body[shown.length]).toMatch(/[ ,]/);
  });

  it("shows a thumbnail and filters reviews with photos or with a video", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    let n = 0;
    const attach = (reviewId: string, kind: "photo" | "video", status = "ready") => {
      const token = (++n).toString(16).padStart(32, "0");
      const ready = status === "ready";
      return db.reviewMedia.create({
        data: {
          shop,
          reviewId,
          kind,
          status,
          token,
          storageKey: ready ? `shops/${shop}/${token}/${kind === "photo" ? "display.webp" : "video.mp4"}` : null,
          thumbnailKey: ready ? `shops/${shop}/${token}/thumb.webp` : null,
          mimeType: kind === "photo" ? "image/webp" : "video/mp4",
          width: 1600,
          height: 1200,
          bytes: 90_000,
        },
      });
    };
    const photos = await writeReview(shop, { title: "Two photos", createdAt: at(1) });
    await attach(photos.id, "photo");
    await attach(photos.id, "photo");
    const video = await writeReview(shop, { title: "A video", createdAt: at(2) });
    await attach(video.id, "video");
    const transcoding = await writeReview(shop, { title: "A video on its way", createdAt: at(3) });
    await attach(transcoding.id, "video", "processing");
    const failed = await writeReview(shop, { title: "A video that failed", createdAt: at(4) });
    await attach(failed.id, "video", "failed");
    await writeReview(shop, { title: "Words only", createdAt: at(5) });

    const all = await openList(shop);
    const row = (title: string) => all.rows.find((r) => r.title === title);
    expect(row("Two photos")).toMatchObject({
      mediaCount: 2,
      thumbnailUrl: expect.stringMatching(/^\/media\/0{31}1\/thumb\.webp\?expires=\d+&sig=/),
    });
    expect(row("A video")?.thumbnailUrl).toMatch(/^\/media\/0{31}3\/thumb\.webp\?/);
    expect([row("A video on its way")?.thumbnailUrl, row("Words only")?.thumbnailUrl]).toEqual([null, null]);
    expect(row("Words only")?.mediaCount).toBe(0);

    expect((await openList(shop, "media=photos")).rows.map((r) => r.title)).toEqual(["Two photos"]);
    // A video still being transcoded counts; one that failed is not shown anywhere, so it does not.
    expect((await openList(shop, "media=video")).rows.map((r) => r.title)).toEqual(["A video on its way", "A video"]);
    // A hand-edited value falls back to no filter.
    expect((await openList(shop, "media=gifs")).rows).toHaveLength(5);
  });

  it("finds reviews by words in the title, text or name, whatever their case", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    await writeReview(shop, {
      title: "Sprucken mugg",
      body: "En mugg kom med en SPRICKA i glasyren.",
      createdAt: at(1),
    });
    await writeReview(shop, { title: "Perfect", body: "Great linen shirt.", displayName: "Maja Ek", createdAt: at(2) });
    await writeReview(shop, { title: null, body: "Snygg skjorta men liten i storleken.", createdAt: at(3) });

    expect((await openList(shop, "q=spricka")).rows.map((r) => r.title)).toEqual(["Sprucken mugg"]);
    expect((await openList(shop, "q=maja")).rows.map((r) => r.displayName)).toEqual(["Maja Ek"]);
    // Every word must be there, in any order.
    expect((await openList(shop, `q=${encodeURIComponent("storleken skjorta")}`)).rows).toHaveLength(1);
    expect((await openList(shop, "q=cashmere")).rows).toHaveLength(0);
  });

  it("pages through every review exactly once, forwards and back, even when dates tie", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    const created: string[] = [];
    // 120 reviews over 40 distinct minutes: three share each, so only the id breaks the tie.
    for (let i = 0; i < 120; i += 1) created.push((await writeReview(shop, { createdAt: at(Math.floor(i / 3)) })).id);

    const pages: ListedReview[][] = [];
    let page = await openList(shop);
    expect(page.prevCursor).toBeNull();
    pages.push(page.rows);
    while (page.nextCursor) {
      page = await openList(shop, `cursor=${page.nextCursor}&dir=next`);
      pages.push(page.rows);
    }
    expect(pages.map((rows) => rows.length)).toEqual([50, 50, 20]);
    const seen = pages.flat().map((row) => row.id);
    expect([...seen].sort()).toEqual([...created].sort());

    const back = await openList(shop, `cursor=${page.prevCursor}&dir=prev`);
    expect(back.rows.map((r) => r.id)).toEqual(pages[1].map((r) => r.id));
    const first = await openList(shop, `cursor=${back.prevCursor}&dir=prev`);
    expect(first.rows.map((r) => r.id)).toEqual(pages[0].map((r) => r.id));
    expect(first.prevCursor).toBeNull();
  });

  it("bounds a search: it reads a limited number of reviews per page, says so, and the next page carries on", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    // The only match is older than the first SEARCH_SCAN_LIMIT reviews.
    await writeReview(shop, { title: "Needle", body: "The one with a haystack word.", createdAt: at(0) });
    await db.review.createMany({
      data: Array.from({ length: SEARCH_SCAN_LIMIT + 10 }, (_, i) => ({
        shop,
        productShopifyId: SHIRT.shopifyId,
        rating: 5,
        status: "published",
        body: "Plain words.",
        displayName: "Bo",
        createdAt: at(10 + i),
      })),
    });
    const first = await listShopReviews(shop, { query: "haystack", limit: 50 });
    expect(first.rows).toHaveLength(0);
    expect(first.searchStoppedAt).not.toBeNull();
    expect(first.nextCursor).not.toBeNull();
    const second = await listShopReviews(shop, {
      query: "haystack",
      limit: 50,
      cursor: first.nextCursor,
      direction: "next",
    });
    expect(second.rows.map((r) => r.title)).toEqual(["Needle"]);
    expect(second.searchStoppedAt).toBeNull();
    expect(second.nextCursor).toBeNull();
    expect(second.prevCursor).not.toBeNull();
  });
});

describe("moderating from the list", () => {
  it("publishes and rejects the selected reviews, and recounts each product once", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    const a = await writeReview(shop, { status: "pending", rating: 2, product: SHIRT.shopifyId, createdAt: at(1) });
    const b = await writeReview(shop, { status: "pending", rating: 4, product: SHIRT.shopifyId, createdAt: at(2) });
    const c = await writeReview(shop, { status: "pending", rating: 3, product: MUGS.shopifyId, createdAt: at(3) });
    const d = await writeReview(shop, { status: "pending", rating: 1, product: MUGS.shopifyId, createdAt: at(4) });

    const published = await bulk(shop, "publish", [a.id, b.id, c.id]);
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ ok: true, changed: 3, message: "3 reviews published." });
    expect(await ratingJobsFor(shop)).toEqual([SHIRT.shopifyId, MUGS.shopifyId].sort());
    const rows = await db.review.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["published", "published", "published", "pending"]);
    expect(rows.slice(0, 3).every((r) => r.publishedAt !== null)).toBe(true);

    // The recount runs as the worker would run it, and Shopify's metafields get the shirt's two reviews.
    await drainJobs(jobDefinitions);
    expect(await ratingSummary(shop, SHIRT.shopifyId)).toMatchObject({ average: 3, count: 2 });
    const written = await db.adminApiCall.findMany({ where: { shop, operation: "MetafieldsSetMutation" } });
    const shirtCount = written
      .flatMap(
        (call) =>
          (JSON.parse(call.variables) as { metafields: { ownerId: string; key: string; value: string }[] }).metafields,
      )
      .find((field) => field.ownerId === `gid://shopify/Product/${SHIRT.shopifyId}` && field.key === "rating_count");
    expect(shirtCount?.value).toBe("2");

    // Rejecting a review that was never on the storefront changes no rating.
    await db.job.deleteMany({ where: { shop } });
    const withoutReason = await bulk(shop, "reject", [d.id]);
    expect(withoutReason.status).toBe(400);
    expect(await withoutReason.json()).toMatchObject({ ok: false, message: "Choose why the review is rejected." });
    const rejected = await bulk(shop, "reject", [d.id], { reason: "spam" });
    expect(await rejected.json()).toMatchObject({ ok: true, changed: 1, message: "1 review rejected." });
    expect(await ratingJobsFor(shop)).toEqual([]);
  });

  it("decides every review matching the filters, beyond the page, when all matching are selected", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    const low = [];
    for (let minute = 0; minute < 7; minute += 1)
      low.push(await writeReview(shop, { status: "pending", rating: 1 + (minute % 2), createdAt: at(minute) }));
    const kept = await writeReview(shop, { status: "pending", rating: 5, createdAt: at(20) });
    const other = await installedShop();
    const theirs = await writeReview(other, { status: "pending", rating: 1, createdAt: at(1) });

    const request = await adminFormPost(shop, "/app/reviews", {
      intent: "publish",
      scope: "matching",
      status: "pending",
      rating: "1,2",
      product: "",
      verified: "",
    });
    const response = await responseOf(() => listAction(actionArgs(request)));
    expect(await response.json()).toMatchObject({ ok: true, changed: 7, message: "7 reviews published." });
    const statuses = await db.review.findMany({
      where: { id: { in: low.map((r) => r.id) } },
      select: { status: true },
    });
    expect(statuses.every((r) => r.status === "published")).toBe(true);
    expect((await db.review.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe("pending");
    expect((await db.review.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("pending");
  });

  it("takes published reviews off the storefront back to pending, and recounts", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    const review = await writeReview(shop, { status: "published" });
    const response = await bulk(shop, "pending", [review.id]);
    expect(await response.json()).toMatchObject({ changed: 1 });
    expect(await db.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({
      status: "pending",
      publishedAt: null,
    });
    expect(await ratingJobsFor(shop)).toEqual([SHIRT.shopifyId]);
  });

  it("refuses an empty selection or an unknown action with a message, changing nothing", async () => {
    const shop = await installedShop();
    const review = await writeReview(shop, { status: "pending" });
    for (const [intent, ids] of [
      ["publish", []],
      ["delete", [review.id]],
      ["publish", ["not an id!"]],
    ] as const) {
      const response = await bulk(shop, intent, [...ids]);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        ok: false,
        message: expect.stringContaining("Select between 1 and"),
      });
    }
    expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("pending");
  });

  it("does not touch another shop's reviews, even when their ids are posted", async () => {
    const ours = await installedShop();
    const theirs = await installedShop();
    const mine = await writeReview(ours, { status: "pending" });
    const foreign = await writeReview(theirs, { status: "pending" });
    const response = await bulk(ours, "publish", [mine.id, foreign.id]);
    expect(await response.json()).toMatchObject({
      changed: 1,
      notFound: [foreign.id],
      message: "1 review published; 1 could not be found (reload the list).",
    });
    expect((await db.review.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("pending");
    expect(await ratingJobsFor(theirs)).toEqual([]);
    // And the list never shows it.
    expect((await openList(ours)).rows.map((r) => r.id)).toEqual([mine.id]);
  });
});

describe("a review's detail", () => {
  it("shows the whole review, why it was held, and the order and request it came from", async () => {
    const shop = await installedShop();
    await stockProducts(shop);
    const order = await createOrder(shop, { name: "#2042" });
    const request = await db.reviewRequest.create({
      data: { shop, orderId: order.id, orderName: order.name, status: "reviewed", sendAt: at(0) },
    });
    const review = await writeReview(shop, {
      status: "pending",
      rating: 2,
      title: "Shrank",
      body: "Shrank after one wash.\nWrite me at anna@example.se",
      orderId: order.id,
      requestId: request.id,
    });
    await db.review.update({ where: { id: review.id }, data: { fit: "runs_small" } });
    const response = await openReview(shop, review.id);
    expect(response.status).toBe(200);
    const detail = await response.json();
    expect(detail.review).toMatchObject({
      rating: 2,
      title: "Shrank",
      body: "Shrank after one wash.\nWrite me at anna@example.se",
      fit: "runs_small",
      verifiedBuyer: true,
      status: "pending",
      heldFor: ["email"],
    });
    expect(detail.product).toMatchObject({ shopifyId: SHIRT.shopifyId, title: "Linen Shirt" });
    expect(detail.order).toMatchObject({ name: "#2042", shopifyId: order.shopifyId });
    expect(detail.request).toEqual({ id: request.id, status: "reviewed" });
    // No photos came with it, so there is no photos section to show.
    expect(detail.media).toEqual([]);
    expect(detail.reply).toBeNull();
  });

  it("lists the photos when the review has some", async () => {
    const shop = await installedShop();
    const review = await writeReview(shop);
    await db.reviewMedia.create({
      data: {
        shop,
        reviewId: review.id,
        token: "0123456789abcdef0123456789abcdef",
        storageKey: `shops/${shop}/0123456789abcdef0123456789abcdef/display.webp`,
        thumbnailKey: `shops/${shop}/0123456789abcdef0123456789abcdef/thumb.webp`,
        mimeType: "image/webp",
        width: 1200,
        height: 900,
        bytes: 84_000,
      },
    });
    const detail = await (await openReview(shop, review.id)).json();
    expect(detail.media).toEqual([
      expect.objectContaining({
        kind: "photo",
        width: 1200,
        height: 900,
        bytes: 84_000,
        hidden: false,
        // Signed for the merchant: the review may not be published.
        url: expect.stringMatching(/^\/media\/0123456789abcdef0123456789abcdef\/display\.webp\?expires=\d+&sig=/),
        thumbnailUrl: expect.stringMatching(/^\/media\/0123456789abcdef0123456789abcdef\/thumb\.webp\?expires=/),
      }),
    ]);
  });

  it("publishes, rejects and puts back to pending, recounting the product when the storefront changes", async () => {
    const shop = await installedShop();
    const review = await writeReview(shop, { status: "pending", rating: 4 });
    const steps: [string, string, string[]][] = [
      ["published", "Review published", [SHIRT.shopifyId]],
      ["rejected", "Review rejected", [SHIRT.shopifyId]],
      ["pending", "Review moved back to pending", []],
      ["pending", "The review already had that status.", []],
    ];
    for (const [status, message, recounted] of steps) {
      await db.job.deleteMany({ where: { shop } });
      await db.productRatingSync.deleteMany({ where: { shop } });
      const response = await postToReview(shop, review.id, {
        intent: "moderate",
        status,
        ...(status === "rejected" ? { reason: "offensive" } : {}),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, message });
      expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).status).toBe(status);
      expect(await ratingJobsFor(shop)).toEqual(recounted);
    }
  });

  it("answers 404 to another shop, for reading and for every change, and changes nothing", async () => {
    const owner = await installedShop();
    const stranger = await installedShop();
    const review = await writeReview(owner, { status: "pending" });
    await db.reviewReply.create({ data: { shop: owner, reviewId: review.id, body: "Thank you!" } });

    const read = await openReview(stranger, review.id);
    expect(read.status).toBe(404);
    expect(await read.json()).toMatchObject({ merchantError: true, title: "Review not found" });
    const attempts: Record<string, string>[] = [
      { intent: "moderate", status: "published" },
      { intent: "save-reply", body: "Hijacked" },
      { intent: "delete-reply" },
    ];
    for (const fields of attempts) {
      const response = await postToReview(stranger, review.id, fields);
      expect(response.status, JSON.stringify(fields)).toBe(404);
    }
    const after = await db.review.findUniqueOrThrow({ where: { id: review.id }, include: { reply: true } });
    expect(after.status).toBe("pending");
    expect(after.reply?.body).toBe("Thank you!");
    expect(await ratingJobsFor(owner)).toEqual([]);
    expect((await openReview(stranger, "made-up-id")).status).toBe(404);
  });
});

describe("the public reply", () => {
  it("is created, edited and deleted", async () => {
    const shop = await installedShop();
    const review = await writeReview(shop);

    const created = await postToReview(shop, review.id, { intent: "save-reply", body: "  Thank you, Anna!  " });
    expect(await created.json()).toEqual({ ok: true, message: "Reply published" });
    expect((await db.reviewReply.findUniqueOrThrow({ where: { reviewId: review.id } })).body).toBe("Thank you, Anna!");

    const edited = await postToReview(shop, review.id, {
      intent: "save-reply",
      body: "Thank you, Anna. Enjoy the shirt!",
    });
    expect(await edited.json()).toEqual({ ok: true, message: "Reply updated" });
    const detail = await (await openReview(shop, review.id)).json();
    expect(detail.reply.body).toBe("Thank you, Anna. Enjoy the shirt!");
    expect(await db.reviewReply.count({ where: { reviewId: review.id } })).toBe(1);

    const deleted = await postToReview(shop, review.id, { intent: "delete-reply" });
    expect(await deleted.json()).toEqual({ ok: true, message: "Reply deleted" });
    expect(await db.reviewReply.count({ where: { reviewId: review.id } })).toBe(0);
    const again = await postToReview(shop, review.id, { intent: "delete-reply" });
    expect(await again.json()).toEqual({ ok: true, message: "The reply was already removed." });
  });

  it.each([
    ["empty", "", "Write a reply before saving."],
    ["only spaces", "   \n  ", "Write a reply before saving."],
    ["one character too long", "x".repeat(2001), "Keep the reply to 2,000 characters or fewer."],
    ["far too long", "x".repeat(20_000), "Keep the reply to 2,000 characters or fewer."],
  ])("refuses a reply that is %s, with the error for the field", async (_case, body, message) => {
    const shop = await installedShop();
    const review = await writeReview(shop);
    const response = await postToReview(shop, review.id, { intent: "save-reply", body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      message: "The reply was not saved.",
      fieldErrors: { body: message },
    });
    expect(await db.reviewReply.count({ where: { reviewId: review.id } })).toBe(0);
  });

  it("accepts exactly 2,000 characters", async () => {
    const shop = await installedShop();
    const review = await writeReview(shop);
    const response = await postToReview(shop, review.id, { intent: "save-reply", body: "y".repeat(2000) });
    expect(response.status).toBe(200);
    expect((await db.reviewReply.findUniqueOrThrow({ where: { reviewId: review.id } })).body).toHaveLength(2000);
  });
});

describe("without a valid session token", () => {
  it("neither lists nor moderates reviews when the token is signed with another secret", async () => {
    const shop = await installedShop();
    const review = await writeReview(shop, { status: "pending" });
    const { token } = await getJwt(shop.replace(".myshopify.com", ""), LOCAL_API_KEY, "not-our-secret");
    const headers = { Authorization: `Bearer ${token}` };
    const listed = await responseOf(() => listLoader(loaderArgs(new Request(`${APP_URL}/app/reviews`, { headers }))));
    expect(listed.status).toBe(401);
    const post = new Request(`${APP_URL}/app/reviews?index`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ intent: "publish", ids: review.id }),
    });
    const moderated = await responseOf(() => listAction(actionArgs(post)));
    expect(moderated.status).toBe(401);
    expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("pending");
  });
});
