// The store question on the review page, as the shopper's phone posts it: optional NPS (0-10) and CES (1-7)
// answers and a comment, stored once per order, in the shopper's language, never holding the review back.
import db from "~/db.server";
import { loader, action } from "~/routes/r.$token._index";
import { createReviewRequest, createShop, LINEN_SHIRT, MUG_SET, reviewLink } from "../reviews/review-request-factory";

const BASE = "https://kundrost.example";

async function openPage(token: string) {
  const response = (await loader({
    request: new Request(`${BASE}/r/${token}`),
    params: { token },
    context: {},
  })) as Response;
  return { status: response.status, data: await response.json() };
}

async function sendForm(token: string, fields: Record<string, string>) {
  const response = (await action({
    request: new Request(`${BASE}/r/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    }),
    params: { token },
    context: {},
  })) as Response;
  return { status: response.status, location: response.headers.get("Location") };
}

async function answerFor(orderId: string) {
  return db.storeAnswer.findUnique({ where: { orderId } });
}

describe("the store question", () => {
  it("asks both questions after the product cards in the shopper's language, with the shop's name", async () => {
    const { shop } = await createShop({ name: "Fjällräv & Co" });
    const english = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const swedish = await createReviewRequest({ shop, products: [MUG_SET], locale: "sv" });

    const page = await openPage(reviewLink(english.request));
    expect(page.data.storeQuestion).toMatchObject({
      fields: { nps: "storeNps", ces: "storeCes", comment: "storeComment" },
      scales: { nps: [0, 10], ces: [1, 7] },
      answer: null,
    });
    expect(page.data.storeQuestion.words["store.nps.question"]).toBe(
      "How likely are you to recommend Fjällräv & Co to a friend?",
    );
    expect(page.data.storeQuestion.words["store.ces.question"]).toBe("How easy was it to order?");

    const svPage = await openPage(reviewLink(swedish.request));
    expect(svPage.data.htmlLang).toBe("sv");
    expect(svPage.data.storeQuestion.words["store.nps.question"]).toBe(
      "Hur troligt är det att du skulle rekommendera Fjällräv & Co till en vän?",
    );
    expect(svPage.data.storeQuestion.words["store.ces.question"]).toBe("Hur lätt var det att beställa?");
  });

  it("stores the answers with the review, per order, in the language the shopper answered in", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT], locale: "sv" });
    const sent = await sendForm(reviewLink(request), {
      "rating[7001]": "5",
      displayName: "Anna L.",
      storeNps: "9",
      storeCes: "6",
      storeComment: "  Snabb leverans!  ",
    });
    expect(sent.status).toBe(302);
    expect(await answerFor(request.orderId)).toMatchObject({
      shop,
      requestId: request.id,
      customerId: request.customerId,
      nps: 9,
      ces: 6,
      comment: "Snabb leverans!",
      locale: "sv",
    });
    expect(await db.review.count({ where: { shop } })).toBe(1);
  });

  it("never blocks the review: unanswered, or answered with something that is not an answer", async () => {
    const { shop } = await createShop();
    const silent = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    expect((await sendForm(reviewLink(silent.request), { "rating[7001]": "4", displayName: "A" })).status).toBe(302);
    expect(await answerFor(silent.request.orderId)).toBeNull();

    const forged = await createReviewRequest({ shop, products: [MUG_SET] });
    const sent = await sendForm(reviewLink(forged.request), {
      "rating[7002]": "4",
      displayName: "A",
      storeNps: "11",
      storeCes: "0",
      storeComment: "x".repeat(1_001),
    });
    expect(sent.status).toBe(302);
    expect(await db.review.count({ where: { shop } })).toBe(2);
    // Nothing that is an answer was sent, so nothing is stored.
    expect(await answerFor(forged.request.orderId)).toBeNull();
  });

  it("keeps the answers of a post whose review still has a field to fix, and shows them again", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const token = reviewLink(request);
    // Words without stars: the review is refused with a field error...
    const refused = await sendForm(token, { "body[7001]": "Lovely shirt", displayName: "A", storeNps: "3" });
    expect(refused.status).toBe(422);
    expect(await db.review.count({ where: { shop } })).toBe(0);
    // ...the answer is kept and the page shows it again.
    expect((await openPage(token)).data.storeQuestion.answer).toEqual({ nps: 3, ces: null, comment: null });

    // The fixed post adds the effort score; the earlier answer stays, and there is one row for the order.
    await sendForm(token, { "rating[7001]": "4", "body[7001]": "Lovely shirt", displayName: "A", storeCes: "2" });
    expect(await db.storeAnswer.count({ where: { shop } })).toBe(1);
    expect(await answerFor(request.orderId)).toMatchObject({ nps: 3, ces: 2 });
  });

  it("stores nothing for a link that is not good", async () => {
    const { shop } = await createShop();
    const { request } = await createReviewRequest({ shop, products: [LINEN_SHIRT] });
    const forgedToken = `${reviewLink(request).slice(0, -4)}AAAA`;
    expect((await sendForm(forgedToken, { "rating[7001]": "5", storeNps: "10" })).status).toBe(404);
    expect(await db.storeAnswer.count({ where: { shop } })).toBe(0);
  });
});
