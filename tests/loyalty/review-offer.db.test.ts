// What reviewing earns, where the shopper reads it: the review-request email (rendered and sent over SMTP to the
// local capture, in English and Swedish), the review page and its thank-you page. The figures are the shop's
// own earning rule, only what this shopper can still earn, never more than the daily cap lets the ledger credit,
// and the same whatever the review says: the points are for an honest review (FTC 16 CFR Part 465).
import db from "~/db.server";
// The job registry is the composition root that tells the requests module what a review earns.
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { DEFAULT_PROGRAM, ensureAccount, reconcileReviewCredit, saveLoyaltyProgram } from "~/modules/loyalty";
import { dispatchDueRequests, syncReviewRequestForOrder } from "~/modules/requests";
import { loader as pageLoader, action as pageAction } from "~/routes/r.$token._index";
import { loader as thanksLoader } from "~/routes/r.$token.thanks";
import { captureEmailDuringTests } from "../support/smtp";
import { createCustomer, createOrder, createShop, LINEN_SHIRT, MUG, type LineSpec } from "../requests/factories";
import { reviewLink } from "../reviews/review-request-factory";

captureEmailDuringTests();
const t = (iso: string) => new Date(iso);
const BASE = "https://kundrost.example";

interface Sent {
  shop: string;
  requestId: string;
  html: string;
  text: string;
  /** The email's visible words, tags and entities gone, whitespace collapsed. */
  words: string;
}

/** A shop with the loyalty programme `program`, one order by a customer (or a guest), and its request emailed. */
async function emailFor(
  options: {
    locale?: string;
    lines?: LineSpec[];
    program?: Partial<typeof DEFAULT_PROGRAM>;
    guest?: boolean;
    before?: (shop: string, customerShopifyId: string) => Promise<void>;
  } = {},
): Promise<Sent> {
  const shop = await createShop();
  await saveLoyaltyProgram(shop, { ...DEFAULT_PROGRAM, ...options.program });
  const customer = await createCustomer(shop, { locale: options.locale ?? "en" });
  if (options.guest) await db.customer.update({ where: { id: customer.id }, data: { shopifyId: null } });
  if (options.before) await options.before(shop, customer.shopifyId!);
  const order = await createOrder(shop, {
    customer,
    fulfilledAt: t("2026-05-01T08:00:00Z"),
    lines: options.lines ?? [LINEN_SHIRT],
  });
  await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-01T09:00:00Z") });
  expect(await dispatchDueRequests({ now: t("2026-05-15T08:01:00Z"), shop })).toMatchObject({ sent: 1 });
  const [email] = await db.capturedEmail.findMany({ where: { envelopeTo: customer.email! } });
  const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
  // Numbers are grouped with a (narrow) no-break space in Swedish: read as a space here.
  const html = (email.html ?? "").replace(/[\u00a0\u202f]/g, " ");
  const words = html
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { shop, requestId: request.id, html, text: (email.text ?? "").replace(/[\u00a0\u202f]/g, " "), words };
}

describe("the review-request email", () => {
  it("offers the shop's points for a review and the photo bonus, for an honest review, in English", async () => {
    const { words, text } = await emailFor();
    const offer = "Earn 50 points for your review. Add a photo or video for another 25 points.";
    const honest = "Points are for an honest review, whatever you think, and are added once it's published.";
    expect(words).toContain(offer);
    expect(words).toContain(honest);
    expect(text).toContain(`${offer}\n${honest}`);
    // Said once, above the stars: nothing ties points to which star is tapped.
    expect(words.split("Earn 50 points")).toHaveLength(2);
    expect(text.indexOf(offer)).toBeLessThan(text.indexOf("★☆☆☆☆"));
  });

  it("says it in Swedish with the shop's own figures, for each product of a larger order", async () => {
    const { words, text } = await emailFor({
      locale: "sv-SE",
      lines: [LINEN_SHIRT, MUG],
      program: { reviewPoints: 1200, photoBonusPoints: 40, dailyCapPoints: 5000 },
    });
    const offer =
      "Få 1 200 poäng för varje produkt du ger ett omdöme om. Lägg till en bild eller video för ytterligare 40 poäng.";
    expect(words).toContain(offer);
    expect(words).toContain(
      "Poängen är för ett ärligt omdöme, vad du än tycker, och läggs till när det har publicerats.",
    );
    expect(text).toContain(offer);
  });

  it("never promises more than the daily cap lets the ledger credit", async () => {
    const { words } = await emailFor({ program: { reviewPoints: 50, photoBonusPoints: 25, dailyCapPoints: 60 } });
    expect(words).toContain("Earn 50 points for your review. Add a photo or video for another 10 points.");
    const capped = await emailFor({ program: { reviewPoints: 50, photoBonusPoints: 25, dailyCapPoints: 1 } });
    expect(capped.words).toContain("Earn 1 point for your review.");
    expect(capped.words).not.toContain("photo or video");
  });

  it("offers only what is left when the customer was credited for reviewing one of the products before", async () => {
    const { words } = await emailFor({
      lines: [LINEN_SHIRT, MUG],
      before: async (shop, customerShopifyId) => {
        await reconcileReviewCredit(shop, {
          customerId: customerShopifyId,
          productShopifyId: LINEN_SHIRT.shopifyId,
          reviews: [{ status: "published", verifiedBuyer: true, mediaCount: 0 }],
        });
      },
    });
    expect(words).toContain("Earn 50 points for each product here you haven't reviewed before.");
    const none = await emailFor({
      before: async (shop, customerShopifyId) => {
        await reconcileReviewCredit(shop, {
          customerId: customerShopifyId,
          productShopifyId: LINEN_SHIRT.shopifyId,
          reviews: [{ status: "published", verifiedBuyer: true, mediaCount: 0 }],
        });
      },
    });
    expect(none.words).not.toMatch(/points/i);
  });

  it("says nothing about points when the programme is off, or to a guest who has no account to credit", async () => {
    for (const sent of [
      await emailFor({ program: { enabled: false } }),
      await emailFor({ locale: "sv-SE", program: { enabled: false } }),
      await emailFor({ guest: true }),
      await emailFor({ program: { reviewPoints: 0, photoBonusPoints: 0 } }),
    ]) {
      expect(sent.words).not.toMatch(/points|poäng/i);
      expect(sent.text).not.toMatch(/points|poäng/i);
      expect(sent.words).toMatch(/Write a review|Skriv ett omdöme/);
    }
  });

  it("offers the bonus alone when a review without a photo earns nothing", async () => {
    const { words } = await emailFor({ program: { reviewPoints: 0, photoBonusPoints: 30 } });
    expect(words).toContain("Earn 30 points for a review with a photo or video.");
  });
});

async function openPage(token: string) {
  const response = (await pageLoader({
    request: new Request(`${BASE}/r/${token}`),
    params: { token },
    context: {},
  })) as Response;
  return response.json();
}

async function review(token: string, fields: Record<string, string>) {
  const response = (await pageAction({
    request: new Request(`${BASE}/r/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ displayName: "Åsa L.", ...fields }),
    }),
    params: { token },
    context: {},
  })) as Response;
  expect(response.status).toBe(302);
  const thanks = (await thanksLoader({
    request: new Request(`${BASE}/r/${token}/thanks`),
    params: { token },
    context: {},
  })) as Response;
  return thanks.json();
}

describe("the review page and its thank-you page", () => {
  it("show the same points for a one-star and a five-star review, before and after the ledger credits them", async () => {
    const low = await emailFor();
    const high = await emailFor();
    const lowToken = reviewLink({ id: low.requestId, shop: low.shop });
    const highToken = reviewLink({ id: high.requestId, shop: high.shop });
    expect((await openPage(lowToken)).pointsOffer).toMatchObject({ reviewPoints: 50, photoBonusPoints: 25 });

    const lowThanks = await review(lowToken, { "rating[8001]": "1", "body[8001]": "Shrank in the first wash." });
    const highThanks = await review(highToken, { "rating[8001]": "5", "body[8001]": "Cool and airy in the heat." });
    // Every rating is published by default (decision 011); held or published, 50 points either way.
    expect(lowThanks).toMatchObject({ pointsEarned: 50 });
    expect(highThanks).toMatchObject({ allPublished: true, pointsEarned: 50 });

    // Once the loyalty job has run, the thank-you page reads the ledger: still 50.
    await drainJobs(jobDefinitions);
    expect(await review(highToken, { "rating[8001]": "5", "body[8001]": "Cool and airy in the heat." })).toMatchObject({
      pointsEarned: 50,
    });
    const account = await db.loyaltyAccount.findFirstOrThrow({ where: { shop: high.shop } });
    expect(account.availablePoints).toBe(50);
  });

  it("offer nothing to a guest, and nothing when the programme is off", async () => {
    const guest = await emailFor({ guest: true });
    const token = reviewLink({ id: guest.requestId, shop: guest.shop });
    expect((await openPage(token)).pointsOffer).toBeNull();
    expect(await review(token, { "rating[8001]": "5" })).toMatchObject({ pointsEarned: null });

    const off = await emailFor({ program: { enabled: false } });
    expect((await openPage(reviewLink({ id: off.requestId, shop: off.shop }))).pointsOffer).toBeNull();
  });

  it("count nothing for a product the customer was credited for in an earlier review", async () => {
    const sent = await emailFor({
      before: async (shop, customerShopifyId) => {
        const { id } = await ensureAccount(shop, customerShopifyId);
        expect(id).toBeTruthy();
        await reconcileReviewCredit(shop, {
          customerId: customerShopifyId,
          productShopifyId: LINEN_SHIRT.shopifyId,
          reviews: [{ status: "published", verifiedBuyer: true, mediaCount: 0 }],
        });
      },
    });
    const token = reviewLink({ id: sent.requestId, shop: sent.shop });
    expect((await openPage(token)).pointsOffer).toBeNull();
    expect(await review(token, { "rating[8001]": "4" })).toMatchObject({ pointsEarned: null });
  });
});
