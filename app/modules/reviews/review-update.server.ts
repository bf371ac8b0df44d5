// What a reviewer can do from a reply email without signing in (/rv/<token>): update their review (the
// history keeps both versions, the rules check the new text again), or stop the shop's emails.
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import { loadShopBrand } from "../shops";
import { normaliseEmail } from "../customers";
import { getSettings } from "../settings";
import { openFollowUpTaskIfNeeded } from "./follow-up-tasks.server";
import { moderationReasons, moderationStatus } from "./moderation";
import { gatherModerationFacts } from "./moderation-facts.server";
import { checkReviewEntry, type ReviewFieldErrors } from "./review-entry";
import { recordReviewHistory } from "./review-history.server";
import { verifyReviewToken } from "./review-links.server";
import { holdReviews, publishReviews } from "./review-state.server";
import { lockReviewTallies } from "./review-tallies.server";
import { pickShopperLanguage, type ShopperLanguage } from "../shopper-language";
import { markProductRatingsStale } from "./rating-metafields.server";

export type ReviewUpdateLinkProblem = "malformed" | "forged" | "expired" | "not_found";

export interface ReviewForUpdate {
  id: string;
  shop: string;
  shopName: string;
  brandColor: string;
  locale: ShopperLanguage;
  productShopifyId: string;
  productTitle: string | null;
  rating: number;
  title: string | null;
  body: string;
  /** A review the merchant rejected cannot be changed from the link (it would slip back into the queue). */
  editable: boolean;
}

export type ReviewLinkLoad = { ok: true; review: ReviewForUpdate } | { ok: false; reason: ReviewUpdateLinkProblem };

export async function loadReviewForLink(
  token: string,
  options: { now?: Date; acceptExpired?: boolean } = {},
): Promise<ReviewLinkLoad> {
  const check = verifyReviewToken(token, options.acceptExpired ? new Date(0) : (options.now ?? new Date()));
  if (!check.ok) return check;
  const { shop, reviewId } = check.claims;
  const review = await db.review.findFirst({ where: { shop, id: reviewId } });
  if (!review || review.anonymized) return { ok: false, reason: "not_found" };
  const [brand, product] = await Promise.all([
    loadShopBrand(shop),
    db.product.findFirst({ where: { shop, shopifyId: review.productShopifyId }, select: { title: true } }),
  ]);
  return {
    ok: true,
    review: {
      id: review.id,
      shop,
      shopName: brand.name,
      brandColor: brand.brandColor,
      locale: pickShopperLanguage(review.locale, brand.primaryLocale),
      productShopifyId: review.productShopifyId,
      productTitle: product?.title ?? null,
      rating: review.rating,
      title: review.title,
      body: review.body,
      editable: review.status !== "rejected",
    },
  };
}

export type ReviewUpdateResult =
  | { ok: true; status: "published" | "pending" }
  | { ok: false; reason: ReviewUpdateLinkProblem | "not_editable" }
  | { ok: false; reason: "invalid"; fieldErrors: ReviewFieldErrors[string] };

/** The reviewer's new version replaces the shown one; the old one is kept in the history. */
export async function updateReviewFromLink(
  input: { token: string; rating: unknown; title: unknown; body: unknown; networkAddress?: string | null },
  options: { now?: Date } = {},
): Promise<ReviewUpdateResult> {
  const now = options.now ?? new Date();
  const loaded = await loadReviewForLink(input.token, { now });
  if (!loaded.ok) return loaded;
  if (!loaded.review.editable) return { ok: false, reason: "not_editable" };
  const { shop, id, productShopifyId } = loaded.review;
  const checked = checkReviewEntry({
    productShopifyId,
    rating: input.rating,
    title: input.title,
    body: input.body,
    displayName: "-",
  });
  if (!checked.ok) return { ok: false, reason: "invalid", fieldErrors: checked.errors };
  const entry = checked.entry;
  const settings = await getSettings(shop);

  const status = await db.$transaction(async (tx) => {
    // The edit and a hold or publish after it are two writes to the review: the shop's tally lock first.
    await lockReviewTallies(tx, shop);
    const before = await tx.review.findFirstOrThrow({ where: { shop, id } });
    const facts = await gatherModerationFacts(tx, {
      shop,
      reviewId: id,
      requestId: before.requestId,
      title: entry.title,
      body: entry.body,
      rating: entry.rating,
      locale: before.locale,
      email: before.email,
      networkKey: before.networkKey,
      now,
    });
    const hasMedia = (await tx.reviewMedia.count({ where: { shop, reviewId: id } })) > 0;
    const reasons = moderationReasons({ ...entry, displayName: before.displayName, hasMedia }, settings, facts);
    const next = moderationStatus(reasons);
    // The shopper's words are stored as written: only the shopper changes them.
    await tx.review.update({
      where: { id },
      data: {
        rating: entry.rating,
        title: entry.title === "" ? null : entry.title,
        body: entry.body,
        heldReasons: JSON.stringify(reasons),
      },
    });
    await recordReviewHistory(tx, {
      shop,
      reviewId: id,
      action: "updated",
      actor: "shopper",
      fromStatus: before.status,
      toStatus: before.status,
      previous: { rating: before.rating, title: before.title, body: before.body },
      at: now,
    });
    const change = { shop, reviewIds: [id], actor: "rules" as const, now };
    if (next === "pending" && before.status !== "pending") await holdReviews({ ...change, reasons }, tx);
    else if (next === "published" && before.status === "pending" && JSON.parse(before.heldReasons || "[]").length > 0)
      await publishReviews(change, tx);
    // A new rating moves the product's average even when the status stays.
    if (before.status === "published" && before.rating !== entry.rating)
      await markProductRatingsStale(tx, shop, [productShopifyId]);
    await openFollowUpTaskIfNeeded(tx, { shop, id, rating: entry.rating }, now);
    const after = await tx.review.findFirstOrThrow({ where: { id }, select: { status: true } });
    return after.status === "published" ? "published" : "pending";
  });
  loggerFor({ shop, module: "reviews" }).info({ reviewId: id, status }, "review updated by the shopper");
  return { ok: true, status };
}

/** Stops every email from the shop to this reviewer (replies and review requests share one suppression list). */
export async function unsubscribeByReviewToken(
  token: string,
): Promise<{ ok: true; shopName: string; locale: ShopperLanguage } | { ok: false; reason: ReviewUpdateLinkProblem }> {
  const loaded = await loadReviewForLink(token, { acceptExpired: true });
  if (!loaded.ok) return loaded;
  const review = await db.review.findFirst({
    where: { shop: loaded.review.shop, id: loaded.review.id },
    select: { email: true },
  });
  const email = normaliseEmail(review?.email);
  if (email) {
    await db.emailSuppression.upsert({
      where: { shop_email: { shop: loaded.review.shop, email } },
      create: { shop: loaded.review.shop, email, reason: "unsubscribed" },
      update: {},
    });
  }
  return { ok: true, shopName: loaded.review.shopName, locale: loaded.review.locale };
}
