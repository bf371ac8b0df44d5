// A review written on the storefront (the reviews block's form, through the app proxy) by a shopper who did not
// come from a review-request email. It is a verified purchase only when Shopify says who is logged in (the
// signed logged_in_customer_id) and that customer has an order of the product that was neither cancelled nor
// fully refunded; otherwise it is unverified and waits for the merchant ("unverified_storefront") besides
// whatever the ordinary moderation signals find. Files go through the media intake like the review page's.
import { z } from "zod";
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import { normaliseEmail } from "../customers";
import { enqueueJob } from "../jobs";
import { attachReviewMedia, discardStoredMedia, intakeReviewMedia, type StagedUpload } from "../media";
import { getSettings } from "../settings";
import { afterReviewSavedJobs } from "./after-review-saved";
import { openFollowUpTaskIfNeeded } from "./follow-up-tasks.server";
import { moderationReasons, moderationStatus, type ModerationReason } from "./moderation";
import { gatherModerationFacts, networkKeyFor } from "./moderation-facts.server";
import { markProductRatingsStale } from "./rating-metafields.server";
import { recordReviewHistory } from "./review-history.server";
import { checkReviewEntry, isApparelProduct } from "./review-entry";
import type { RefusedReviewFile } from "./submission.server";

/** Storefront reviews one network address may send to one shop per hour (a household, a shop's own Wi-Fi). */
export const STOREFRONT_REVIEWS_PER_ADDRESS_HOUR = 5;

export interface StorefrontReviewInput {
  shop: string;
  productShopifyId: string;
  /** Shopify's logged_in_customer_id, only ever from a verified app-proxy signature. */
  loggedInCustomerId: string | null;
  rating: unknown;
  title: unknown;
  body: unknown;
  fit: unknown;
  displayName: unknown;
  email: unknown;
  locale: string;
  networkAddress: string | null;
  files: StagedUpload[];
}

export type StorefrontReviewResult =
  | {
      ok: true;
      status: "published" | "pending";
      verifiedBuyer: boolean;
      heldFor: ModerationReason[];
      refusedFiles: RefusedReviewFile[];
    }
  | { ok: false; reason: "unknown_product" | "rate_limited" }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<string, string>> };

const EmailSchema = z.string().trim().max(254).email();

/** Whether this Shopify customer has an order of the product that still stands (not cancelled, not all refunded). */
export async function customerBoughtProduct(
  shop: string,
  customerShopifyId: string,
  productShopifyId: string,
): Promise<{ bought: boolean; customerId: string | null; email: string | null; orderId: string | null }> {
  const customer = await db.customer.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: customerShopifyId } },
    select: { id: true, email: true },
  });
  if (!customer) return { bought: false, customerId: null, email: null, orderId: null };
  const lines = await db.orderLine.findMany({
    where: { shop, productShopifyId, order: { shop, customerId: customer.id, cancelledAt: null } },
    select: { quantity: true, refundedQuantity: true, orderId: true },
  });
  const standing = lines.find((line) => line.quantity > line.refundedQuantity);
  return {
    bought: Boolean(standing),
    customerId: customer.id,
    email: customer.email,
    orderId: standing?.orderId ?? null,
  };
}

export async function submitStorefrontReview(
  input: StorefrontReviewInput,
  options: { now?: Date } = {},
): Promise<StorefrontReviewResult> {
  const now = options.now ?? new Date();
  const { shop, productShopifyId } = input;
  const product = await db.product.findUnique({
    where: { shop_shopifyId: { shop, shopifyId: productShopifyId } },
    select: { shopifyId: true, productType: true, isGiftCard: true, status: true },
  });
  if (!product || product.isGiftCard || product.status !== "active") return { ok: false, reason: "unknown_product" };

  const networkKey = networkKeyFor(shop, input.networkAddress);
  if (networkKey) {
    const recent = await db.review.count({
      where: { shop, networkKey, source: "storefront", createdAt: { gte: new Date(now.getTime() - 3_600_000) } },
    });
    if (recent >= STOREFRONT_REVIEWS_PER_ADDRESS_HOUR) return { ok: false, reason: "rate_limited" };
  }

  const checked = checkReviewEntry({
    productShopifyId,
    rating: input.rating,
    title: input.title,
    body: input.body,
    fit: input.fit,
    displayName: input.displayName,
  });
  const fieldErrors: Partial<Record<string, string>> = checked.ok ? {} : { ...checked.errors };
  if (checked.ok && checked.entry.fit && !isApparelProduct(product)) fieldErrors.fit = "fit.not_applicable";

  const buyer = input.loggedInCustomerId
    ? await customerBoughtProduct(shop, input.loggedInCustomerId, productShopifyId)
    : { bought: false, customerId: null, email: null, orderId: null };
  // A logged-in customer's address is Shopify's; anyone else gives one so the shop can reach them.
  let email = buyer.email;
  if (!email) {
    const given = EmailSchema.safeParse(input.email);
    if (given.success) email = normaliseEmail(given.data);
    else fieldErrors.email = typeof input.email === "string" && input.email.trim() ? "email.invalid" : "email.required";
  }
  if (!checked.ok || Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", fieldErrors };
  const entry = checked.entry;

  const settings = await getSettings(shop);
  const intake = input.files.length
    ? await intakeReviewMedia(shop, input.files, { photos: 0, videos: 0 })
    : { stored: [], refused: [] };
  const refusedFiles = intake.refused.map((refused) => ({ productShopifyId, ...refused }));
  try {
    const saved = await db.$transaction(async (tx) => {
      const facts = await gatherModerationFacts(tx, {
        shop,
        title: entry.title,
        body: entry.body,
        rating: entry.rating,
        locale: input.locale,
        email,
        networkKey,
        now,
      });
      const heldFor: ModerationReason[] = [
        ...(buyer.bought ? [] : (["unverified_storefront"] as const)),
        ...moderationReasons(
          { ...entry, hasMedia: intake.stored.length > 0 },
          { autoPublishMinRating: settings.autoPublishMinRating, holdReviewsWithMedia: settings.holdReviewsWithMedia },
          facts,
        ),
      ];
      const status = moderationStatus(heldFor);
      const review = await tx.review.create({
        data: {
          shop,
          productShopifyId,
          customerId: buyer.customerId,
          orderId: buyer.orderId,
          rating: entry.rating,
          title: entry.title === "" ? null : entry.title,
          body: entry.body,
          displayName: entry.displayName,
          email,
          fit: entry.fit ?? null,
          locale: input.locale,
          verifiedBuyer: buyer.bought,
          status,
          source: "storefront",
          heldReasons: JSON.stringify(heldFor),
          networkKey,
          createdAt: now,
          publishedAt: status === "published" ? now : null,
        },
      });
      await attachReviewMedia(tx, { shop, reviewId: review.id, stored: intake.stored, now });
      await recordReviewHistory(tx, [
        {
          shop,
          reviewId: review.id,
          action: status === "published" ? "published" : "held",
          actor: "rules",
          fromStatus: null,
          toStatus: status,
          reasons: heldFor,
          at: now,
        },
      ]);
      if (status === "published") await markProductRatingsStale(tx, shop, [productShopifyId]);
      await openFollowUpTaskIfNeeded(tx, review, now);
      for (const followUp of afterReviewSavedJobs) {
        const job = followUp({
          shop,
          reviewId: review.id,
          productShopifyId,
          customerId: review.customerId,
          requestId: null,
          rating: review.rating,
          status,
          previousStatus: null,
          savedAt: now,
        });
        if (job) await enqueueJob(job, tx);
      }
      return { id: review.id, status, heldFor };
    });
    loggerFor({ shop, module: "reviews" }).info(
      { reviewId: saved.id, status: saved.status, heldFor: saved.heldFor, verifiedBuyer: buyer.bought },
      "storefront review submitted",
    );
    return { ok: true, status: saved.status, verifiedBuyer: buyer.bought, heldFor: saved.heldFor, refusedFiles };
  } catch (error) {
    await discardStoredMedia(intake.stored);
    throw error;
  }
}
