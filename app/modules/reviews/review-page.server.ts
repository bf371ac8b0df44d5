// Everything the shopper-facing review page (/r/:token) needs, from the signed token alone. The token is
// checked by the requests module; a link that is not good for anything tells the page why (and only why:
// no shop, product or customer data leaks from a forged, unknown or cancelled link).
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import {
  isMultipart,
  MEDIA_LIMITS,
  MEDIA_UPLOAD_MAX_REQUEST_BYTES,
  receiveMediaForm,
  reviewUploadCap,
  UploadTooLargeError,
  type StagedUpload,
} from "../media";
import { loadRequestForToken } from "../requests";
import { readMediaField, readReviewForm } from "./review-form";
import { isApparelProduct, defaultDisplayName } from "./review-entry";
import {
  isReviewEditable,
  MAX_REVIEWS_PER_SUBMISSION,
  reviewEditableUntil,
  submitReviewsForRequest,
  type ReviewFormError,
  type SubmitReviewsResult,
} from "./submission.server";
import { pickShopperLanguage, type ShopperLanguage } from "../shopper-language";

export type ReviewLinkProblem = "malformed" | "forged" | "expired" | "not_found" | "cancelled";

/** HTTP status for a link that cannot be used: gone for good (410) vs never was (404). */
export function statusForLinkProblem(problem: ReviewLinkProblem): 404 | 410 {
  return problem === "expired" || problem === "cancelled" ? 410 : 404;
}

export interface ReviewPageProduct {
  productShopifyId: string;
  title: string;
  imageUrl: string | null;
  apparel: boolean;
  /** The shopper's earlier review of this product, when there is one. */
  review: {
    rating: number;
    title: string;
    body: string;
    fit: string | null;
    displayName: string;
    status: string;
    /** ISO time; null when it can no longer be changed. */
    editableUntil: string | null;
    /** ISO time the review was first saved. */
    submittedAt: string;
    /** Photos and videos attached to it. */
    mediaCount: number;
  } | null;
}

export interface ReviewPage {
  shop: string;
  shopName: string;
  /** A #rrggbb colour, safe to put in CSS (the requests module validates it). */
  brandColor: string;
  locale: ShopperLanguage;
  /** The shop's IANA time zone, for dates shown to the shopper. */
  timezone: string;
  orderName: string;
  requestId: string;
  products: ReviewPageProduct[];
  /** What the display-name field starts with. */
  displayName: string;
  /** Every product is reviewed and none can be changed any more. */
  complete: boolean;
}

export type ReviewPageLoad =
  | {
      ok: true;
      page: ReviewPage;
      request: {
        id: string;
        shop: string;
        orderId: string;
        customerId: string | null;
        /** Shopify's id of the customer; null for a guest checkout (or a redacted customer). */
        customerShopifyId: string | null;
      };
    }
  | { ok: false; problem: ReviewLinkProblem };

export async function loadReviewPage(token: string, now: Date = new Date()): Promise<ReviewPageLoad> {
  const found = await loadRequestForToken(token, now);
  if (!found.ok) return { ok: false, problem: found.reason };
  const request = found.request;

  const { shopInfo, customer } = request;
  const [products, reviews] = await Promise.all([
    db.product.findMany({
      where: { shop: request.shop, shopifyId: { in: request.items.map((item) => item.productShopifyId) } },
      select: { shopifyId: true, productType: true, title: true, imageUrl: true },
    }),
    db.review.findMany({
      where: { shop: request.shop, requestId: request.id },
      include: { _count: { select: { media: true } } },
    }),
  ]);
  const productById = new Map(products.map((product) => [product.shopifyId, product]));
  const reviewByProduct = new Map(reviews.map((review) => [review.productShopifyId, review]));

  const pageProducts: ReviewPageProduct[] = [...request.items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const product = productById.get(item.productShopifyId);
      const review = reviewByProduct.get(item.productShopifyId);
      return {
        productShopifyId: item.productShopifyId,
        title: item.title || product?.title || "",
        imageUrl: item.imageUrl ?? product?.imageUrl ?? null,
        apparel: product ? isApparelProduct(product) : false,
        review: review
          ? {
              rating: review.rating,
              title: review.title ?? "",
              body: review.body,
              fit: review.fit,
              displayName: review.displayName,
              status: review.status,
              editableUntil: isReviewEditable(review, now) ? reviewEditableUntil(review).toISOString() : null,
              submittedAt: review.createdAt.toISOString(),
              mediaCount: review._count.media,
            }
          : null,
      };
    });

  const earlierName = pageProducts.find((product) => product.review)?.review?.displayName;
  return {
    ok: true,
    request: {
      id: request.id,
      shop: request.shop,
      orderId: request.orderId,
      customerId: request.customerId,
      customerShopifyId: customer?.shopifyId ?? null,
    },
    page: {
      shop: request.shop,
      shopName: shopInfo.name,
      brandColor: shopInfo.brandColor,
      // The requests module picked the request's language (request, customer, shop); the page speaks it
      // when it has the words, else the shop's.
      locale: pickShopperLanguage(request.locale, shopInfo.primaryLocale),
      timezone: shopInfo.timezone,
      orderName: request.orderName ?? "",
      requestId: request.id,
      products: pageProducts,
      displayName: earlierName ?? defaultDisplayName(customer?.firstName, customer?.lastName),
      complete:
        pageProducts.length > 0 && pageProducts.every((product) => product.review && !product.review.editableUntil),
    },
  };
}

export type ReviewFormSubmission =
  | { ok: false; problem: ReviewLinkProblem }
  | { ok: false; problem: "upload_too_large"; page: ReviewPage; maxMegabytes: number }
  | { ok: true; page: ReviewPage; result: SubmitReviewsResult; values: ReturnType<typeof readReviewForm>["values"] };

/**
 * The page's form post: the token is checked again first (a page can sit open for days) BEFORE the body is
 * read, so a bad or expired link costs no upload; then the form with its files is read as it streams in (each
 * file to a temporary file), the reviews saved, and every temporary file removed, whatever happened.
 */
export async function submitReviewForm(
  token: string,
  request: Request,
  now: Date = new Date(),
): Promise<ReviewFormSubmission> {
  const loaded = await loadReviewPage(token, now);
  if (!loaded.ok) return loaded;
  const products = new Set(loaded.page.products.map((product) => product.productShopifyId));
  const perProductFiles = MEDIA_LIMITS.photosPerReview + MEDIA_LIMITS.videosPerReview;
  const refused = (formError: ReviewFormError, values = { displayName: "", products: {} }): ReviewFormSubmission => ({
    ok: true,
    page: loaded.page,
    result: { ok: false, fieldErrors: {}, formError },
    values,
  });
  let received;
  try {
    received = isMultipart(request)
      ? await receiveMediaForm(request, {
          fieldCap: (field) => {
            const media = readMediaField(field);
            return media && products.has(media.productShopifyId) ? reviewUploadCap(media.kind) : null;
          },
          maxRequestBytes: MEDIA_UPLOAD_MAX_REQUEST_BYTES,
          // A sixth photo is still received, so the shopper is told it was one too many.
          maxFiles: products.size * (perProductFiles + 1),
        })
      : { form: await request.formData(), uploads: [] as StagedUpload[], cleanup: async () => undefined };
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      return {
        ok: false,
        problem: "upload_too_large",
        page: loaded.page,
        maxMegabytes: Math.floor(MEDIA_UPLOAD_MAX_REQUEST_BYTES / 2 ** 20),
      };
    }
    // A body that is not the form it claims to be (cut off, malformed multipart): said to the shopper, logged.
    loggerFor({ shop: loaded.request.shop, module: "reviews" }).info(
      { requestId: loaded.request.id, reason: error instanceof Error ? error.message : String(error) },
      "review form unreadable",
    );
    return refused("unreadable");
  }
  try {
    const media: Record<string, StagedUpload[]> = {};
    for (const upload of received.uploads) {
      const field = readMediaField(upload.field);
      if (field) (media[field.productShopifyId] ??= []).push(upload);
    }
    const { entries, values } = readReviewForm(received.form, new Set(Object.keys(media)));
    if (Object.keys(values.products).length > MAX_REVIEWS_PER_SUBMISSION) return refused("too_many_products");
    const result = await submitReviewsForRequest(
      {
        shop: loaded.request.shop,
        requestId: loaded.request.id,
        customerId: loaded.request.customerId,
        orderId: loaded.request.orderId,
        locale: loaded.page.locale,
        entries,
        media,
      },
      { now },
    );
    return { ok: true, page: loaded.page, result, values };
  } finally {
    await received.cleanup();
  }
}
