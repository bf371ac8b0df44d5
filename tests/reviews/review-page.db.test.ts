// The review page as a shopper's phone talks to it: GET /r/:token (the loader) and the form POST (the action),
// with real signed links, real requests and a real database.
import db from "~/db.server";
import { signRequestToken } from "~/modules/requests/shopper-pages/token.server";
import { loader, action } from "~/routes/r.$token._index";
import { loader as thanksLoader } from "~/routes/r.$token.thanks";
import {
  createReviewRequest,
  createShop,
  LINEN_SHIRT,
  MUG_SET,
  reviewLink,
  WOOL_SWEATER,
} from "./review-request-factory";

const BASE = "https://kundrost.example";

async function openPage(token: string, query = "", headers: Record<string, string> = {}) {
  const response = (await loader({
    request: new Request(`${BASE}/r/${token}${query}`, { headers }),
    params: { token },
    context: {},
  })) as Response;
  return { status: response.status, headers: response.headers, data: await response.json(), raw: response };
}

async function sendForm(token: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams(fields);
  const response = (await action({
    request: new Request(`${BASE}/r/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body,
    }),
    params: { token },
    context: {},
  })) as Response;
  const isJson = response.headers.get("Content-Type")?.includes("application/json");
  return { status: response.status, headers: response.headers, data: isJson ? await response.json() : null };
}

async function nothingSaved() {
  expect(await db.review.count()).toBe(0);
  expect(await db.job.count({ where: { type: "reviews.sync-product-ratings" } })).toBe(0);
}

beforeEach(async () => {
  await db.review.deleteMany();
  await db.job.deleteMany();
});

describe("opening the review link", () => {
  it("shows one card per product with the tapped rating on the first one", async () => {
    const { shop } = await createShop({ name: "Fjällräv & Co" });
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT, MUG_SET] });
    const page = await openPage(reviewLink(request), "?rating=4");

    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    expect(page.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(page.data).toMatchObject({
      view: "form",
      htmlLang: "en",
      shopName: "Fjällräv & Co",
      brandColor: "#2a5d84",
      tapped: { rating: 4, productShopifyId: "7001" },
      displayName: "Anna L.",
      products: [
        { productShopifyId: "7001", title: "Linen Shirt", apparel: true, review: null },
        { productShopifyId: "7002", title: "Ceramic Mug Set (4)", apparel: false, review: null },
      ],
    });
  });

  it("puts the tapped rating on the product whose stars were tapped in the email", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT, MUG_SET] });
    expect((await openPage(reviewLink(request), "?rating=2&product=7002")).data.tapped).toEqual({
      rating: 2,
      productShopifyId: "7002",
    });
    // A product that is not in the order falls back to the first one.
    expect((await openPage(reviewLink(request), "?rating=2&product=9999")).data.tapped).toEqual({
      rating: 2,
      productShopifyId: "7001",
    });
  });

  it("ignores a tapped rating that is not 1 to 5", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    for (const rating of ["0", "6", "abc", "4.5", ""]) {
      expect((await openPage(reviewLink(request), `?rating=${rating}`)).data.tapped).toBeNull();
    }
  });

  it("speaks Swedish to a Swedish request, whatever the shop's language", async () => {
    const { shop } = await createShop({ primaryLocale: "en" });
    const { request } = await createReviewRequest({ shop, products: [WOOL_SWEATER], locale: "sv-SE" });
    const page = await openPage(reviewLink(request), "?rating=5");
    expect(page.data.htmlLang).toBe("sv");
    expect(page.data.messages["fit.runs_small"]).toBe("Liten i storleken");
    expect(page.data.messages["page.title"]).toBe("Recensera din beställning från {shop}");
  });

  it("falls back to the shop's language when the request's is not translated", async () => {
    const { shop } = await createShop({ primaryLocale: "sv" });
    const { request } = await createReviewRequest({ shop, products: [MUG_SET], locale: "de" });
    expect((await openPage(reviewLink(request))).data.htmlLang).toBe("sv");
  });

  describe("a link that cannot be used", () => {
    async function expectRefused(token: string, status: number, problem: string, secrets: string[]) {
      const page = await openPage(token, "?rating=5", { "Accept-Language": "sv-SE,sv;q=0.9" });
      expect(page.status).toBe(status);
      expect(page.data).toMatchObject({ view: "unavailable", problem, htmlLang: "sv" });
      const text = JSON.stringify(page.data);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }

    it("answers 410 Gone for an expired link, without the order's details", async () => {
      const { shop } = await createShop({ name: "Hemligt AB" });
      const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
      const token = reviewLink(request, { expiresAt: new Date(Date.now() - 1000) });
      await expectRefused(token, 410, "expired", ["Hemligt AB", "Linen Shirt", "Anna", request.id]);
    });

    it("answers 404 for a link with a tampered signature", async () => {
      const { shop } = await createShop({ name: "Hemligt AB" });
      const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
      const token = reviewLink(request);
      const tampered = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
      await expectRefused(tampered, 404, "forged", ["Hemligt AB", "Linen Shirt"]);
    });

    it("answers 404 for a link pointed at another order (claims changed, signature kept)", async () => {
      const { shop } = await createShop({ name: "Hemligt AB" });
      const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
      const { request: other } = await createReviewRequest({ shop, products: [MUG_SET] });
      const [version, , signature] = reviewLink(request).split(".");
      const body = Buffer.from(
        JSON.stringify({ r: other.id, s: shop, e: Math.floor(Date.now() / 1000) + 3600 }),
      ).toString("base64url");
      await expectRefused(`${version}.${body}.${signature}`, 404, "forged", ["Hemligt AB", "Ceramic Mug Set"]);
    });

    it("answers 404 for a malformed link", async () => {
      await expectRefused("not-a-token", 404, "malformed", []);
      await expectRefused("1.only-two-parts", 404, "malformed", []);
    });

    it("answers 404 for a validly signed link whose request belongs to another shop", async () => {
      const { shop } = await createShop({ name: "Hemligt AB" });
      const { shop: otherShop } = await createShop({ name: "Annan butik" });
      const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
      await expectRefused(reviewLink(request, { shop: otherShop }), 404, "not_found", ["Hemligt AB", "Linen Shirt"]);
    });

    it("answers 404 for a validly signed link to a request that does not exist", async () => {
      const token = signRequestToken({
        requestId: "ckdoesnotexist0000000000",
        shop: "nobody.myshopify.com",
        expiresAt: new Date(Date.now() + 3600_000),
      });
      await expectRefused(token, 404, "not_found", []);
    });

    it("answers 410 Gone for the request of a cancelled order", async () => {
      const { shop } = await createShop({ name: "Hemligt AB" });
      const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT], status: "cancelled" });
      await expectRefused(reviewLink(request), 410, "cancelled", ["Hemligt AB", "Linen Shirt"]);
    });

    it("refuses a form posted with such a link, and saves nothing", async () => {
      const { shop } = await createShop();
      const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
      const expired = reviewLink(request, { expiresAt: new Date(Date.now() - 1000) });
      const sent = await sendForm(expired, { "rating[7001]": "5", displayName: "Anna L." });
      expect(sent.status).toBe(410);
      await nothingSaved();
    });
  });
});

describe("sending the form with a mistake", () => {
  const long = (n: number) => "å".repeat(n);

  // [what is wrong, form fields (displayName defaults to "Anna L."), product, field, English, Swedish]
  const cases: Array<[string, Record<string, string>, string, string, string, string]> = [
    [
      "no rating but words",
      { "title[7001]": "Snygg", "body[7001]": "Bra tyg" },
      "7001",
      "rating",
      "Choose a star rating.",
      "Välj ett betyg med stjärnorna.",
    ],
    [
      "nothing at all",
      { "rating[7001]": "", "body[7001]": "" },
      "7001",
      "rating",
      "Choose a star rating.",
      "Välj ett betyg med stjärnorna.",
    ],
    [
      "rating 0",
      { "rating[7001]": "0" },
      "7001",
      "rating",
      "Choose between 1 and 5 stars.",
      "Välj mellan 1 och 5 stjärnor.",
    ],
    [
      "rating 6",
      { "rating[7001]": "6" },
      "7001",
      "rating",
      "Choose between 1 and 5 stars.",
      "Välj mellan 1 och 5 stjärnor.",
    ],
    [
      "rating abc",
      { "rating[7001]": "abc" },
      "7001",
      "rating",
      "Choose between 1 and 5 stars.",
      "Välj mellan 1 och 5 stjärnor.",
    ],
    [
      "a title too long",
      { "rating[7001]": "5", "title[7001]": long(121) },
      "7001",
      "title",
      "Keep the title to 120 characters or fewer.",
      "Rubriken får vara högst 120 tecken.",
    ],
    [
      "a review too long",
      { "rating[7001]": "5", "body[7001]": long(5001) },
      "7001",
      "body",
      "Keep the review to 5000 characters or fewer.",
      "Recensionen får vara högst 5000 tecken.",
    ],
    [
      "a fit that is not an answer",
      { "rating[7001]": "5", "fit[7001]": "tight" },
      "7001",
      "fit",
      "Choose one of the fit answers.",
      "Välj ett av svaren om passform.",
    ],
    [
      "a fit for a mug",
      { "rating[7002]": "5", "fit[7002]": "runs_small" },
      "7002",
      "fit",
      "The fit question is only for clothing and shoes.",
      "Frågan om passform gäller bara kläder och skor.",
    ],
    [
      "an empty display name",
      { "rating[7001]": "5", displayName: "   " },
      "7001",
      "displayName",
      "Enter the name to show with your review.",
      "Skriv namnet som ska visas med din recension.",
    ],
    [
      "a display name too long",
      { "rating[7001]": "5", displayName: long(61) },
      "7001",
      "displayName",
      "Keep the name to 60 characters or fewer.",
      "Namnet får vara högst 60 tecken.",
    ],
  ];

  for (const [locale, column] of [
    ["en", 4],
    ["sv", 5],
  ] as const) {
    it.each(cases)(`${locale}: %s`, async (_what, fields, product, field, ...messages) => {
      const { shop } = await createShop();
      const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT, MUG_SET], locale });
      const sent = await sendForm(reviewLink(request), { displayName: "Anna L.", "body[7002]": "", ...fields });

      expect(sent.status).toBe(422);
      expect(sent.data.errors[product][field]).toBe(messages[column - 4]);
      // What the shopper typed comes back, so the page can show it again.
      for (const [name, value] of Object.entries(fields)) {
        const match = /^(\w+)\[(\d+)\]$/.exec(name);
        if (match) expect(sent.data.values.products[match[2]][match[1]]).toBe(value);
        else expect(sent.data.values[name]).toBe(value);
      }
      await nothingSaved();
      expect(await db.reviewRequestItem.count({ where: { requestId: request.id, reviewedAt: { not: null } } })).toBe(0);
    });

    it(`${locale}: a product that is not in the order`, async () => {
      const { shop } = await createShop();
      const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT], locale });
      const sent = await sendForm(reviewLink(request), {
        "rating[7001]": "5",
        "rating[9999]": "5",
        displayName: "Anna L.",
      });
      expect(sent.status).toBe(422);
      expect(sent.data.generalErrors).toEqual([
        locale === "en" ? "This product is not part of your order." : "Den här produkten ingår inte i din beställning.",
      ]);
      await nothingSaved();
    });
  }

  it("saves none of the products when one of them is wrong", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT, MUG_SET] });
    const sent = await sendForm(reviewLink(request), {
      "rating[7001]": "5",
      "body[7001]": "Perfect linen.",
      "fit[7001]": "true_to_size",
      "rating[7002]": "4",
      "fit[7002]": "runs_large",
      displayName: "Anna L.",
    });
    expect(sent.status).toBe(422);
    expect(Object.keys(sent.data.errors)).toEqual(["7002"]);
    await nothingSaved();
  });
});

describe("sending a good form", () => {
  it("saves a verified-buyer review per product in one go and marks the request reviewed", async () => {
    const { shop } = await createShop();
    const { request, order, customer } = await createReviewRequest({
      shop,
      products: [LINEN_SHIRT, MUG_SET],
      locale: "sv",
    });
    const token = reviewLink(request);
    const sent = await sendForm(token, {
      "rating[7001]": "5",
      "title[7001]": "Skön",
      "body[7001]": "Luftig och sval i värmen.",
      "fit[7001]": "runs_small",
      "rating[7002]": "2",
      "title[7002]": "",
      "body[7002]": "En mugg kom trasig.",
      displayName: "Anna L.",
    });

    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`/r/${encodeURIComponent(token)}/thanks`);
    const reviews = await db.review.findMany({ where: { shop }, orderBy: { productShopifyId: "asc" } });
    expect(reviews).toMatchObject([
      {
        productShopifyId: "7001",
        rating: 5,
        title: "Skön",
        body: "Luftig och sval i värmen.",
        fit: "runs_small",
        displayName: "Anna L.",
        locale: "sv",
        verifiedBuyer: true,
        source: "request",
        status: "published",
        requestId: request.id,
        orderId: order.id,
        customerId: customer?.id,
        email: customer?.email,
      },
      // A low rating is published like any other (no suppression of negative reviews) and opens a follow-up task.
      { productShopifyId: "7002", rating: 2, title: null, fit: null, verifiedBuyer: true, status: "published" },
    ]);
    expect(reviews.every((review) => review.publishedAt instanceof Date)).toBe(true);
    expect(await db.followUpTask.findMany({ where: { shop }, select: { reviewId: true, status: true } })).toEqual([
      { reviewId: reviews[1].id, status: "open" },
    ]);

    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id }, include: { items: true } });
    expect(after.status).toBe("reviewed");
    expect(after.items.every((item) => item.reviewedAt)).toBe(true);

    // Both products' storefront ratings are marked for the batched metafield sync, one job for the shop.
    const stale = await db.productRatingSync.findMany({ where: { shop }, orderBy: { productShopifyId: "asc" } });
    expect(stale.map((row) => row.productShopifyId)).toEqual(["7001", "7002"]);
    const jobs = await db.job.findMany({ where: { type: "reviews.sync-product-ratings", shop } });
    expect(jobs.map((job) => JSON.parse(job.payload))).toEqual([{ shop }]);

    const thanks = (await thanksLoader({
      request: new Request(`${BASE}/r/${token}/thanks`),
      params: { token },
      context: {},
    })) as Response;
    expect(thanks.status).toBe(200);
    expect(await thanks.json()).toMatchObject({
      view: "thanks",
      htmlLang: "sv",
      shopName: "Fjällräv & Co",
      allPublished: true,
      // Each review's own truth: both are published (a low rating is no reason to hold one).
      reviewStatuses: [
        { title: LINEN_SHIRT.title, status: "published" },
        { title: MUG_SET.title, status: "published" },
      ],
    });
  });

  it("holds a five-star review whose text and name carry HTML markup, and the thank-you page says it waits", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [MUG_SET] });
    const token = reviewLink(request);
    const sent = await sendForm(token, {
      "rating[7002]": "5",
      "body[7002]": "<b>Best mugs</b> <script>alert(1)</script>",
      displayName: "<i>Anna</i>",
    });
    expect(sent.status).toBe(302);
    expect(await db.review.findFirstOrThrow({ where: { shop } })).toMatchObject({
      rating: 5,
      status: "pending",
      publishedAt: null,
    });
    const thanks = (await thanksLoader({
      request: new Request(`${BASE}/r/${token}/thanks`),
      params: { token },
      context: {},
    })) as Response;
    expect(await thanks.json()).toMatchObject({
      allPublished: false,
      reviewStatuses: [{ title: MUG_SET.title, status: "pending" }],
    });
  });

  it("takes a five-star tap without any words", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [MUG_SET] });
    expect((await sendForm(reviewLink(request), { "rating[7002]": "5", displayName: "Anna L." })).status).toBe(302);
    expect(await db.review.findFirstOrThrow({ where: { shop } })).toMatchObject({
      rating: 5,
      title: null,
      body: "",
      status: "published",
    });
  });

  it("reviews only the products the shopper rated and leaves the request open for the rest", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT, MUG_SET] });
    const sent = await sendForm(reviewLink(request), {
      "rating[7001]": "4",
      "rating[7002]": "",
      "body[7002]": "",
      displayName: "Anna L.",
    });
    expect(sent.status).toBe(302);
    expect(await db.review.count({ where: { shop } })).toBe(1);
    const after = await db.reviewRequest.findUniqueOrThrow({
      where: { id: request.id },
      include: { items: { orderBy: { position: "asc" } } },
    });
    expect(after.status).not.toBe("reviewed");
    expect(after.items.map((item) => Boolean(item.reviewedAt))).toEqual([true, false]);
  });

  it("holds a review with a link or a phone number for the merchant", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    await sendForm(reviewLink(request), {
      "rating[7001]": "5",
      "body[7001]": "Köp billigare på www.example.com",
      displayName: "Anna L.",
    });
    expect(await db.review.findFirstOrThrow({ where: { shop } })).toMatchObject({ status: "pending", rating: 5 });
  });
});

describe("sending again", () => {
  it("updates the review within 24 hours of the first send", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const token = reviewLink(request);
    await sendForm(token, { "rating[7001]": "5", "body[7001]": "Great shrit", displayName: "Anna L." });
    const first = await db.review.findFirstOrThrow({ where: { shop } });

    const page = await openPage(token);
    expect(page.data.view).toBe("form");
    expect(page.data.products[0].review).toMatchObject({ rating: 5, body: "Great shrit" });
    expect(page.data.products[0].editableUntilText).toEqual(expect.any(String));

    expect(
      (await sendForm(token, { "rating[7001]": "4", "body[7001]": "Great shirt", displayName: "Anna L." })).status,
    ).toBe(302);
    const reviews = await db.review.findMany({ where: { shop } });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ id: first.id, rating: 4, body: "Great shirt", status: "published" });
  });

  it("refuses a change after the grace period, in the shopper's language, and keeps the review as it was", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT], locale: "sv" });
    const token = reviewLink(request);
    await sendForm(token, { "rating[7001]": "5", "body[7001]": "Mycket bra", displayName: "Anna L." });
    await db.review.updateMany({ where: { shop }, data: { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) } });
    await db.job.deleteMany();

    const page = await openPage(token);
    expect(page.data.view).toBe("reviewed");

    const sent = await sendForm(token, { "rating[7001]": "1", "body[7001]": "Ändrat mig", displayName: "Anna L." });
    expect(sent.status).toBe(422);
    expect(sent.data.errors["7001"].product).toBe("Du har redan recenserat den här produkten.");
    expect(await db.review.findFirstOrThrow({ where: { shop } })).toMatchObject({ rating: 5, body: "Mycket bra" });
    expect(await db.job.count()).toBe(0);
  });
});
