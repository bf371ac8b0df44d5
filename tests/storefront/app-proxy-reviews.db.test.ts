// The storefront's review endpoints behind Shopify's app proxy: the signature before anything else, published
// and public data only, cacheable lists, submissions verified only for a logged-in buyer, votes and reports.
import { overProxyLimit, PROXY_LIMITS, resetProxyLimits } from "~/modules/app-proxy";
import db from "~/db.server";
import { loader as listLoader } from "~/routes/proxy.reviews._index";
import { action as submitAction } from "~/routes/proxy.reviews.submit";
import { action as voteAction } from "~/routes/proxy.reviews.$id.vote";
import { action as reportAction } from "~/routes/proxy.reviews.$id.report";
import { STOREFRONT_LIST_CACHE_MS, STOREFRONT_REVIEWS_PER_ADDRESS_HOUR } from "~/modules/reviews";
import { answer, product, proxyUrl, review, storefrontShop } from "./support";

const list = (url: string, headers: Record<string, string> = {}) =>
  answer(() => listLoader({ request: new Request(url, { headers }), params: {}, context: {} }));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const submit = (url: string, fields: Record<string, string> | FormData, headers: Record<string, string> = {}) =>
  answer(() =>
    submitAction({
      request: new Request(url, {
        method: "POST",
        body: fields instanceof FormData ? fields : form(fields),
        headers,
      }),
      params: {},
      context: {},
    }),
  );

beforeEach(() => resetProxyLimits());

describe("the signature, before anything else", () => {
  it("answers a valid signature and refuses forged, stale and repeated ones", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    await review(shop, shopifyId);
    expect((await list(proxyUrl("reviews", { shop, product: shopifyId }))).status).toBe(200);
    expect((await list(proxyUrl("reviews", { shop, product: shopifyId }, { secret: "forged" }))).status).toBe(401);
    const stale = await list(
      proxyUrl("reviews", { shop, product: shopifyId }, { at: Math.floor(Date.now() / 1000) - 91 }),
    );
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ problem: "expired" });
    // A second signature, shop or timestamp after the signed ones is refused outright.
    const valid = proxyUrl("reviews", { shop, product: shopifyId });
    for (const extra of [
      `&signature=${new URL(valid).searchParams.get("signature")}`,
      `&shop=other.myshopify.com`,
      `&timestamp=${Math.floor(Date.now() / 1000)}`,
    ]) {
      const refused = await list(valid + extra);
      expect(refused.status).toBe(400);
      expect(refused.headers.get("Cache-Control")).toBe("no-store");
    }
    // Signed with the repeated values joined by a comma, as Shopify does: a valid request.
    const repeated = await list(proxyUrl("reviews", { shop, product: shopifyId, extra: ["a", "b"] }));
    expect(repeated.status).toBe(200);
    // A parameter changed after signing.
    expect((await list(valid.replace(`product=${shopifyId}`, "product=1"))).status).toBe(401);
  });

  it("reads no form and saves nothing when the signature is wrong", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const refused = await submit(proxyUrl("reviews/submit", { shop }, { secret: "forged" }), {
      product: shopifyId,
      rating: "5",
      displayName: "Eve",
      email: "eve@example.com",
    });
    expect(refused.status).toBe(401);
    expect(await db.review.count({ where: { shop } })).toBe(0);
  });
});

describe("the review list", () => {
  it("lists published reviews only, without email addresses, with the summary, cacheable with an ETag", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    await review(shop, shopifyId, { rating: 5, email: "anna@example.se", displayName: "Anna L." });
    await review(shop, shopifyId, { rating: 2 });
    const held = await review(shop, shopifyId, { rating: 1, status: "pending", body: "Held text, not public" });
    const rejected = await review(shop, shopifyId, { status: "rejected", body: "Rejected text" });
    const url = proxyUrl("reviews", { shop, product: shopifyId });
    const response = await list(url);
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body.total).toBe(2);
    expect(body.summary).toMatchObject({ count: 2, average: 3.5, distribution: { 5: 1, 2: 1 } });
    expect(text).not.toContain("@example.se");
    expect(text).not.toContain(held.id);
    expect(text).not.toContain(rejected.id);
    expect(text).not.toContain("not public");
    expect(Object.keys(body.reviews[0]).sort()).toEqual(
      [
        "author",
        "body",
        "date",
        "fit",
        "helpfulCount",
        "id",
        "media",
        "rating",
        "reply",
        "title",
        "verifiedBuyer",
      ].sort(),
    );
    expect(response.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    const etag = response.headers.get("ETag")!;
    expect(etag).toMatch(/^".+"$/);
    const again = await list(proxyUrl("reviews", { shop, product: shopifyId }), { "If-None-Match": etag });
    expect(again.status).toBe(304);
  });

  it("never shows another shop's reviews, even for the same product id", async () => {
    const shop = await storefrontShop();
    const other = await storefrontShop();
    const { shopifyId } = await product(other);
    await review(other, shopifyId, { body: "Other shop's words" });
    const body = await (await list(proxyUrl("reviews", { shop, product: shopifyId }))).json();
    expect(body.total).toBe(0);
    expect(JSON.stringify(body)).not.toContain("Other shop");
  });

  it("sorts, filters by stars and pages", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const day = (n: number) => new Date(Date.UTC(2026, 9, n));
    await review(shop, shopifyId, { rating: 3, createdAt: day(1), helpfulCount: 9 });
    await review(shop, shopifyId, { rating: 5, createdAt: day(2) });
    await review(shop, shopifyId, { rating: 1, createdAt: day(3) });
    for (let i = 0; i < 12; i += 1) await review(shop, shopifyId, { rating: 4, createdAt: day(4 + i) });
    const get = async (params: Record<string, string>) =>
      (await list(proxyUrl("reviews", { shop, product: shopifyId, ...params }))).json();
    expect((await get({ sort: "highest" })).reviews[0].rating).toBe(5);
    expect((await get({ sort: "lowest" })).reviews[0].rating).toBe(1);
    expect((await get({ sort: "helpful" })).reviews[0].helpfulCount).toBe(9);
    const newest = await get({});
    expect(newest.reviews[0].date).toBe("2026-10-15");
    expect(newest).toMatchObject({ total: 15, pages: 2, page: 1 });
    const second = await get({ page: "2" });
    expect(second.reviews).toHaveLength(5);
    expect(second.reviews.map((r: { id: string }) => r.id)).not.toContain(newest.reviews[0].id);
    const threes = await get({ rating: "3" });
    expect(threes.total).toBe(1);
    expect(threes.reviews[0].rating).toBe(3);
    // Nonsense in the query falls back to the defaults rather than failing.
    expect((await get({ sort: "drop table", page: "-4" })).page).toBe(1);
  });
});

describe("a review sent from the storefront", () => {
  it("is verified and published when the logged-in customer bought the product", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const customer = await db.customer.create({
      data: { shop, shopifyId: "6100000001", email: "buyer@example.se", firstName: "Britt" },
    });
    const order = await db.order.create({
      data: { shop, shopifyId: "5100000001", name: "#1001", customerId: customer.id, placedAt: new Date() },
    });
    await db.orderLine.create({
      data: { shop, orderId: order.id, shopifyLineId: "1", productShopifyId: shopifyId, title: "Shirt", quantity: 1 },
    });
    const response = await submit(proxyUrl("reviews/submit", { shop, logged_in_customer_id: "6100000001" }), {
      product: shopifyId,
      rating: "5",
      body: "Fits perfectly",
      displayName: "Britt",
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ ok: true, published: true, verifiedBuyer: true });
    const saved = await db.review.findFirstOrThrow({ where: { shop } });
    expect(saved).toMatchObject({
      verifiedBuyer: true,
      status: "published",
      source: "storefront",
      email: "buyer@example.se",
    });
  });

  it("is unverified and held for anyone else, and a script in its text stays text", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const script = '<script>alert("x")</script> Lovely';
    const response = await submit(proxyUrl("reviews/submit", { shop }), {
      product: shopifyId,
      rating: "5",
      body: script,
      displayName: "Guest",
      email: "guest@example.com",
    });
    expect(await response.json()).toMatchObject({ ok: true, published: false, verifiedBuyer: false });
    const saved = await db.review.findFirstOrThrow({ where: { shop } });
    expect(saved.status).toBe("pending");
    expect(JSON.parse(saved.heldReasons)).toContain("unverified_storefront");
    expect(saved.body).toBe(script);
    // Not listed while held; once the merchant publishes it, it is listed as a JSON string (the page's script
    // puts it in with textContent, tests/e2e/storefront.test.ts shows it on the page as text).
    expect((await (await list(proxyUrl("reviews", { shop, product: shopifyId }))).json()).total).toBe(0);
    await db.review.update({ where: { id: saved.id }, data: { status: "published", publishedAt: new Date() } });
    // The same query is answered from the app's cache while it is fresh; once it is not, the stale answer goes
    // out while one recount runs, and the next request gets the new list.
    const again = async () => (await list(proxyUrl("reviews", { shop, product: shopifyId }))).json();
    expect((await again()).total).toBe(0);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + STOREFRONT_LIST_CACHE_MS + 1);
    expect((await again()).total).toBe(0);
    let listed = await again();
    for (let tries = 0; listed.total === 0 && tries < 20; tries += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      listed = await again();
    }
    vi.useRealTimers();
    expect(listed.total).toBe(1);
    expect(listed.reviews[0].body).toBe(script);
    expect(listed.reviews[0].verifiedBuyer).toBe(false);
  });

  it("is unverified for a logged-in customer who never bought it", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    await db.customer.create({ data: { shop, shopifyId: "6100000002", email: "looker@example.se" } });
    const body = await (
      await submit(proxyUrl("reviews/submit", { shop, logged_in_customer_id: "6100000002" }), {
        product: shopifyId,
        rating: "4",
        displayName: "Looker",
      })
    ).json();
    expect(body).toMatchObject({ ok: true, verifiedBuyer: false, published: false });
  });

  it("refuses another shop's product, a form with errors, and too many from one address", async () => {
    const shop = await storefrontShop();
    const other = await storefrontShop();
    const { shopifyId: theirs } = await product(other);
    const { shopifyId } = await product(shop);
    const url = () => proxyUrl("reviews/submit", { shop });
    expect(
      (await submit(url(), { product: theirs, rating: "5", displayName: "X", email: "x@example.com" })).status,
    ).toBe(404);
    const invalid = await submit(url(), { product: shopifyId, rating: "9", displayName: "", email: "nope" });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).fieldErrors).toMatchObject({
      rating: "rating.invalid",
      displayName: "displayName.required",
      email: "email.invalid",
    });
    for (let i = 0; i < STOREFRONT_REVIEWS_PER_ADDRESS_HOUR; i += 1) {
      const ok = await submit(
        url(),
        { product: shopifyId, rating: "5", body: `Note ${i}`, displayName: "Y", email: `y${i}@example.com` },
        { "X-Forwarded-For": "203.0.113.9" },
      );
      expect(ok.status).toBe(201);
    }
    const limited = await submit(
      url(),
      { product: shopifyId, rating: "5", displayName: "Y", email: "y@example.com" },
      { "X-Forwarded-For": "203.0.113.9" },
    );
    expect(limited.status).toBe(429);
    expect(await db.review.count({ where: { shop: other } })).toBe(0);
  });
});

describe("votes and reports", () => {
  it("counts one helpful vote per visitor and refuses a vote on an unpublished review", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const published = await review(shop, shopifyId);
    const held = await review(shop, shopifyId, { status: "pending" });
    const vote = (id: string, visitor: string) =>
      answer(() =>
        voteAction({
          request: new Request(proxyUrl(`reviews/${id}/vote`, { shop }), { method: "POST", body: form({ visitor }) }),
          params: { id },
          context: {},
        }),
      );
    expect(await (await vote(published.id, "visitor-aaaa")).json()).toMatchObject({ ok: true, helpfulCount: 1 });
    expect(await (await vote(published.id, "visitor-aaaa")).json()).toMatchObject({ counted: false, helpfulCount: 1 });
    expect(await (await vote(published.id, "visitor-bbbb")).json()).toMatchObject({ helpfulCount: 2 });
    expect((await vote(held.id, "visitor-aaaa")).status).toBe(404);
  });

  it("takes a report and tells the shopper nothing about the review's fate", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const published = await review(shop, shopifyId);
    const response = await answer(() =>
      reportAction({
        request: new Request(proxyUrl(`reviews/${published.id}/report`, { shop }), {
          method: "POST",
          body: form({ visitor: "visitor-cccc", reason: "spam" }),
        }),
        params: { id: published.id },
        context: {},
      }),
    );
    expect(await response.json()).toEqual({ ok: true, counted: true });
    expect((await db.review.findUniqueOrThrow({ where: { id: published.id } })).reportCount).toBe(1);
  });
});

describe("votes and reports: who counts", () => {
  it("counts a logged-in customer once, whatever visitor id the browser sends", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const published = await review(shop, shopifyId);
    const vote = (visitor: string) =>
      answer(() =>
        voteAction({
          request: new Request(
            proxyUrl(`reviews/${published.id}/vote`, { shop, logged_in_customer_id: "7220364542230" }),
            { method: "POST", body: form({ visitor }) },
          ),
          params: { id: published.id },
          context: {},
        }),
      );
    expect(await (await vote("visitor-aaaa")).json()).toMatchObject({ ok: true, counted: true, helpfulCount: 1 });
    expect(await (await vote("visitor-bbbb")).json()).toMatchObject({ ok: true, counted: false, helpfulCount: 1 });
  });

  it("refuses a report with no visitor at all, and one on a review that is not published", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const published = await review(shop, shopifyId);
    const held = await review(shop, shopifyId, { status: "pending" });
    const report = (id: string, fields: Record<string, string>) =>
      answer(() =>
        reportAction({
          request: new Request(proxyUrl(`reviews/${id}/report`, { shop }), { method: "POST", body: form(fields) }),
          params: { id },
          context: {},
        }),
      );
    const anonymous = await report(published.id, { reason: "spam" });
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toEqual({ ok: false, reason: "invalid" });
    expect((await report(held.id, { visitor: "visitor-dddd", reason: "spam" })).status).toBe(404);
    expect((await db.review.findUniqueOrThrow({ where: { id: published.id } })).reportCount).toBe(0);
  });
});

describe("abuse limits per shopper address and shop", () => {
  it("refuses the request past the window's allowance, for that address and shop only, until the window ends", () => {
    const at = 1_000_000;
    const { requests, windowMs } = PROXY_LIMITS.write;
    for (let i = 0; i < requests; i += 1)
      expect(overProxyLimit("write", "a.myshopify.com", "203.0.113.1", at)).toBe(false);
    expect(overProxyLimit("write", "a.myshopify.com", "203.0.113.1", at + 10)).toBe(true);
    expect(overProxyLimit("write", "a.myshopify.com", "203.0.113.2", at + 10)).toBe(false);
    expect(overProxyLimit("write", "b.myshopify.com", "203.0.113.1", at + 10)).toBe(false);
    expect(overProxyLimit("read", "a.myshopify.com", "203.0.113.1", at + 10)).toBe(false);
    expect(overProxyLimit("write", "a.myshopify.com", "203.0.113.1", at + windowMs)).toBe(false);
  });

  it("answers 429 to a shopper who sends too many reviews at once", async () => {
    const shop = await storefrontShop();
    const { shopifyId } = await product(shop);
    const statuses: number[] = [];
    for (let i = 0; i <= PROXY_LIMITS.write.requests; i += 1) {
      const response = await submit(
        proxyUrl("reviews/submit", { shop }),
        { product: shopifyId, rating: "x", displayName: "Z", email: "z@example.com" },
        { "X-Forwarded-For": "198.51.100.77" },
      );
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 422)).toBe(true);
  });
});
