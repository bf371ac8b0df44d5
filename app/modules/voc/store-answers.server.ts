// Store-question answers, one row per order. The review page records what the shopper answered with every post of
// a valid link (also when the review itself still has a field to fix, so nothing is lost); an answer left empty
// keeps what the shopper answered before. Never throws to the page: the review is what matters.
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import type { ShopperLanguage } from "../shopper-language";
import { isEmptyStoreAnswer, type StoreAnswerInput } from "./store-question";

export interface RecordStoreAnswerInput {
  shop: string;
  requestId: string;
  locale: ShopperLanguage;
  answer: StoreAnswerInput;
  now?: Date;
}

/** Saves the answer for the request's order; "empty" when nothing was answered, "no_order" for an unknown request. */
export async function recordStoreAnswer(input: RecordStoreAnswerInput): Promise<"saved" | "empty" | "no_order"> {
  if (isEmptyStoreAnswer(input.answer)) return "empty";
  const request = await db.reviewRequest.findFirst({
    where: { shop: input.shop, id: input.requestId },
    select: { orderId: true, customerId: true },
  });
  if (!request) return "no_order";
  const now = input.now ?? new Date();
  const given = Object.fromEntries(Object.entries(input.answer).filter(([, value]) => value !== null));
  await db.storeAnswer.upsert({
    where: { orderId: request.orderId },
    create: {
      shop: input.shop,
      orderId: request.orderId,
      requestId: input.requestId,
      customerId: request.customerId,
      locale: input.locale,
      answeredAt: now,
      ...given,
    },
    // answeredAt stays the first answer's time: changing a comment later does not move the score to another month.
    update: { ...given, locale: input.locale },
  });
  loggerFor({ shop: input.shop, module: "voc" }).info(
    { requestId: input.requestId, answered: Object.keys(given) },
    "store question answered",
  );
  return "saved";
}

/** What the shopper answered earlier for the request's order, to show in the form again. */
export async function storeAnswerForRequest(shop: string, requestId: string): Promise<StoreAnswerInput | null> {
  const request = await db.reviewRequest.findFirst({ where: { shop, id: requestId }, select: { orderId: true } });
  if (!request) return null;
  const row = await db.storeAnswer.findFirst({
    where: { shop, orderId: request.orderId },
    select: { nps: true, ces: true, comment: true },
  });
  return row;
}
