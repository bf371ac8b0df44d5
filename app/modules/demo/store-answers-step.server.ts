// The demo shop's answers to the store question and its weekly digest. A believable share of the shoppers who
// reviewed also answered "How likely are you to recommend ..." (and often "How easy was it to order?"), when they
// wrote their review, in their language, through the voc module's own path. The story a merchant can find: the
// month before last the carrier ran late (lateDeliveryMonth), and the detractors rise with the late parcels, their
// comments saying why. The digest is on, to two of the shop's own addresses, confirmed.
import db from "../../db.server";
import { recordStoreAnswer } from "../voc";
import { SeededRandom } from "./random";
import type { DemoSeedStep } from "./seed.server";

const ANSWERS_SEED = 20_261_203;
/** Of the shoppers who reviewed, this many answered the store question; more of those who waited for a parcel. */
const ANSWER_SHARE = 0.4;
const LATE_ANSWER_SHARE = 0.7;
const CES_SHARE = 0.7;
const COMMENT_SHARE = 0.4;
export const DEMO_DIGEST_ADDRESSES = ["team@kundrost-demo.example", "kundtjanst@kundrost-demo.example"];

type Weights = ReadonlyArray<readonly [number, number]>;
// On time: 62% promoters, 24% passives, 14% detractors (NPS about +48).
const NPS_ON_TIME: Weights = [
  [10, 36],
  [9, 26],
  [8, 14],
  [7, 10],
  [6, 5],
  [5, 4],
  [4, 2],
  [3, 1],
  [2, 1],
  [1, 0.5],
  [0, 0.5],
];
// Late: 8% promoters, 15% passives, 77% detractors (NPS about -69).
const NPS_LATE: Weights = [
  [10, 4],
  [9, 4],
  [8, 7],
  [7, 8],
  [6, 12],
  [5, 14],
  [4, 14],
  [3, 12],
  [2, 10],
  [1, 8],
  [0, 7],
];
const CES: Weights = [
  [7, 40],
  [6, 30],
  [5, 15],
  [4, 8],
  [3, 4],
  [2, 2],
  [1, 1],
];

const COMMENTS = {
  late: {
    en: [
      "The parcel arrived more than a week late.",
      "Delivery took forever and nobody told me why.",
      "I had to chase the parcel, it was stuck for days.",
      "Great products, but waiting two weeks for delivery is too long.",
    ],
    sv: [
      "Paketet kom över en vecka för sent.",
      "Leveransen drog ut på tiden och ingen hörde av sig.",
      "Fick jaga paketet, det stod still i flera dagar.",
      "Fina produkter men två veckors leveranstid är för långt.",
    ],
  },
  detractor: {
    en: ["The size was wrong and returning it was a hassle.", "Not what I expected from the pictures."],
    sv: ["Fel storlek och krångligt att returnera.", "Inte som på bilderna."],
  },
  passive: {
    en: ["Good overall, shipping could be faster.", "Nice products, a bit pricey."],
    sv: ["Bra överlag, frakten kunde gå snabbare.", "Fina produkter, lite dyrt."],
  },
  promoter: {
    en: ["Fast delivery and lovely products!", "Easy to order, I'll be back.", "Great service from start to finish."],
    sv: ["Snabb leverans och fina produkter!", "Lätt att beställa, jag kommer tillbaka.", "Toppenservice hela vägen."],
  },
} as const;

function group(score: number): "detractor" | "passive" | "promoter" {
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

export const storeAnswersStep: DemoSeedStep = {
  name: "store-answers",
  async run(ctx) {
    const { shop, data } = ctx;
    const random = new SeededRandom(ANSWERS_SEED);
    const lateOrders = new Set(data.orders.filter((order) => order.lateDelivery).map((order) => order.shopifyId));
    // Each reviewed request once, at its first review: that is when the shopper saw the question.
    const reviews = await db.review.findMany({
      where: { shop, requestId: { not: null } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { requestId: true, createdAt: true, locale: true },
    });
    const [requests, orders] = await Promise.all([
      db.reviewRequest.findMany({ where: { shop }, select: { id: true, orderId: true } }),
      db.order.findMany({ where: { shop }, select: { id: true, shopifyId: true } }),
    ]);
    const shopifyIdOf = new Map(orders.map((order) => [order.id, order.shopifyId]));
    const orderOf = new Map(requests.map((request) => [request.id, shopifyIdOf.get(request.orderId) ?? null]));
    const answered = new Set<string>();
    let answers = 0;
    let lateAnswers = 0;
    for (const review of reviews) {
      const requestId = review.requestId!;
      if (answered.has(requestId)) continue;
      answered.add(requestId);
      const late = lateOrders.has(orderOf.get(requestId) ?? "");
      if (!random.chance(late ? LATE_ANSWER_SHARE : ANSWER_SHARE)) continue;
      const nps = random.weighted(late ? NPS_LATE : NPS_ON_TIME);
      const ces = random.chance(CES_SHARE) ? random.weighted(CES) : null;
      const locale = review.locale === "sv" ? "sv" : "en";
      const kind = late && group(nps) !== "promoter" ? "late" : group(nps);
      const comment = random.chance(late ? 0.8 : COMMENT_SHARE) ? random.pick(COMMENTS[kind][locale]) : null;
      await recordStoreAnswer({ shop, requestId, locale, answer: { nps, ces, comment }, now: review.createdAt });
      answers += 1;
      if (late) lateAnswers += 1;
    }

    await db.digestSettings.create({ data: { shop, enabled: true, weekday: 1, hour: 8 } });
    for (const email of DEMO_DIGEST_ADDRESSES) {
      await db.digestRecipient.create({
        data: { shop, email, status: "confirmed", invitedAt: ctx.now, confirmedAt: ctx.now },
      });
    }
    ctx.log.info({ answers, lateAnswers, digestAddresses: DEMO_DIGEST_ADDRESSES.length }, "demo store answers written");
  },
};
