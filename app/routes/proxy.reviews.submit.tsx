// POST /apps/kundrost/reviews/submit (through the app proxy): the reviews block's form, with photos and a video
// (multipart). Verified when Shopify's signed logged_in_customer_id bought the product; otherwise unverified
// and held. The signature is checked before a byte of the body is read; the files stream to temporary files
// with their caps and are removed afterwards, whatever happened.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticateAppProxy, overProxyLimit, shopperAddress } from "~/modules/app-proxy";
import {
  isMultipart,
  MEDIA_LIMITS,
  MEDIA_UPLOAD_MAX_REQUEST_BYTES,
  receiveMediaForm,
  reviewUploadCap,
  UploadTooLargeError,
  type StagedUpload,
} from "~/modules/media";
import { submitStorefrontReview } from "~/modules/reviews";
import { pickShopperLanguage } from "~/modules/shopper-language";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader() {
  return json({ error: "Send the form with a POST." }, { status: 405, headers: { Allow: "POST", ...PRIVATE } });
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, loggedInCustomerId } = await authenticateAppProxy(request);
  const address = shopperAddress(request);
  if (overProxyLimit("write", shop, address))
    return json({ ok: false, reason: "rate_limited" }, { status: 429, headers: PRIVATE });
  let received;
  try {
    received = isMultipart(request)
      ? await receiveMediaForm(request, {
          fieldCap: (field) =>
            field === "photos" ? reviewUploadCap("photo") : field === "video" ? reviewUploadCap("video") : null,
          maxRequestBytes: MEDIA_UPLOAD_MAX_REQUEST_BYTES,
          maxFiles: MEDIA_LIMITS.photosPerReview + MEDIA_LIMITS.videosPerReview + 1,
        })
      : { form: await request.formData(), uploads: [] as StagedUpload[], cleanup: async () => undefined };
  } catch (error) {
    const reason = error instanceof UploadTooLargeError ? "too_large" : "unreadable";
    return json({ ok: false, reason }, { status: reason === "too_large" ? 413 : 400, headers: PRIVATE });
  }
  try {
    const text = (name: string) => {
      const value = received.form.get(name);
      return typeof value === "string" ? value : undefined;
    };
    const product = text("product") ?? "";
    if (!/^\d{1,20}$/.test(product))
      return json({ ok: false, reason: "unknown_product" }, { status: 404, headers: PRIVATE });
    const result = await submitStorefrontReview({
      shop,
      productShopifyId: product,
      loggedInCustomerId,
      rating: text("rating"),
      title: text("title"),
      body: text("body"),
      fit: text("fit"),
      displayName: text("displayName"),
      email: text("email"),
      locale: pickShopperLanguage(text("locale")),
      networkAddress: address,
      files: received.uploads,
    });
    if (result.ok) {
      return json(
        {
          ok: true,
          published: result.status === "published",
          verifiedBuyer: result.verifiedBuyer,
          refusedFiles: result.refusedFiles.map((file) => ({ fileName: file.fileName, refusal: file.refusal })),
        },
        { status: 201, headers: PRIVATE },
      );
    }
    const status = result.reason === "unknown_product" ? 404 : result.reason === "rate_limited" ? 429 : 422;
    return json(result, { status, headers: PRIVATE });
  } finally {
    await received.cleanup();
  }
}
