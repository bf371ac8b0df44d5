// /r/:token/thanks — where a saved review lands (POST, then redirect, so a refresh never sends it twice).
import { json, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MessagePanel, SHOPPER_PAGE_HANDLE, ShopperPage } from "~/components/review-page/ShopperPage";
import {
  decodeRefusedFile,
  formatMessage,
  loadReviewPage,
  refusedFileMessage,
  shopperMessages,
  statusForLinkProblem,
} from "~/modules/reviews";
import { shopperLanguageFromAcceptLanguage } from "~/modules/shopper-language";
import { pointsForSubmittedReviews } from "~/modules/loyalty";

const PRIVATE_PAGE_HEADERS = {
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "same-origin",
  "X-Robots-Tag": "noindex, nofollow",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const loaded = await loadReviewPage(token);
  if (!loaded.ok) {
    const locale = shopperLanguageFromAcceptLanguage(request.headers.get("Accept-Language"));
    return json(
      { view: "unavailable" as const, htmlLang: locale, messages: shopperMessages(locale) },
      { status: statusForLinkProblem(loaded.problem), headers: PRIVATE_PAGE_HEADERS },
    );
  }
  const { page, request: reviewRequest } = loaded;
  const reviewed = page.products.filter((product) => product.review);
  // Nothing sent yet: the thank-you would be a lie, so go to the form.
  if (reviewed.length === 0) throw redirect(`/r/${encodeURIComponent(token)}`, { headers: PRIVATE_PAGE_HEADERS });
  const editableUntil = reviewed.map((product) => product.review?.editableUntil).find(Boolean) ?? null;
  return json(
    {
      view: "thanks" as const,
      htmlLang: page.locale,
      messages: shopperMessages(page.locale),
      shopName: page.shopName,
      brandColor: page.brandColor,
      allPublished: reviewed.every((product) => product.review?.status === "published"),
      // What is true for each review right now: published, waiting for the shop's check, or not shown.
      reviewStatuses: reviewed.map((product) => ({
        title: product.title,
        status: reviewStatusWord(product.review?.status),
      })),
      editableUntilText: editableUntil
        ? new Intl.DateTimeFormat(page.locale === "sv" ? "sv-SE" : "en-GB", {
            dateStyle: "long",
            timeStyle: "short",
            timeZone: page.timezone,
          }).format(new Date(editableUntil))
        : null,
      formPath: `/r/${encodeURIComponent(token)}`,
      // What these reviews earn: the same whatever they say (one credit per product, a bonus with photos).
      pointsEarned: await pointsForSubmittedReviews(
        page.shop,
        reviewRequest.customerShopifyId,
        reviewed.map((product) => ({
          productShopifyId: product.productShopifyId,
          submittedAt: new Date(product.review!.submittedAt),
          hasMedia: product.review!.mediaCount > 0,
        })),
      ),
      // Files the review was saved without, and why (the form's redirect lists them).
      refusedFiles: new URL(request.url).searchParams
        .getAll("refused")
        .slice(0, 20)
        .map(decodeRefusedFile)
        .filter((file) => file !== null)
        .map((file) => refusedFileMessage(shopperMessages(page.locale), file.refusal, file.fileName)),
    },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

type ThanksStatus = "published" | "pending" | "rejected";

function reviewStatusWord(status: string | undefined): ThanksStatus {
  return status === "published" || status === "rejected" ? status : "pending";
}

const SINGLE_STATUS_KEY = {
  published: "thanks.published",
  pending: "thanks.pending",
  rejected: "thanks.rejected",
} as const;
const PRODUCT_STATUS_KEY = {
  published: "thanks.productPublished",
  pending: "thanks.productPending",
  rejected: "thanks.productRejected",
} as const;

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: formatMessage(data.messages, data.view === "thanks" ? "thanks.title" : "unavailable.invalid.title") },
        { name: "referrer", content: "same-origin" },
        { name: "robots", content: "noindex, nofollow" },
      ]
    : [];

// Server-rendered only: no React in the browser (app/root.tsx).
export const handle = SHOPPER_PAGE_HANDLE;

export default function ReviewThanksPage() {
  const data = useLoaderData<typeof loader>();
  const t = (key: Parameters<typeof formatMessage>[1], values?: Record<string, string | number>) =>
    formatMessage(data.messages, key, values);
  if (data.view === "unavailable") {
    return (
      <ShopperPage shopName={null} brandColor="#1f5135">
        <MessagePanel title={t("unavailable.invalid.title")}>
          <p>{t("unavailable.invalid.body")}</p>
        </MessagePanel>
      </ShopperPage>
    );
  }
  return (
    <ShopperPage shopName={data.shopName} brandColor={data.brandColor}>
      <MessagePanel title={t("thanks.title")}>
        <p>{t("thanks.body", { shop: data.shopName })}</p>
        {data.reviewStatuses.length === 1 ? (
          <p>{t(SINGLE_STATUS_KEY[data.reviewStatuses[0].status], { shop: data.shopName })}</p>
        ) : (
          <>
            <p>{t("thanks.statusIntro")}</p>
            <ul className="rp-status-list">
              {data.reviewStatuses.map((review, index) => (
                <li key={index}>
                  {t(PRODUCT_STATUS_KEY[review.status], { product: review.title, shop: data.shopName })}
                </li>
              ))}
            </ul>
          </>
        )}
        {data.pointsEarned ? (
          <p>
            {t(data.allPublished ? "loyalty.earned" : "loyalty.earnedPending", { points: String(data.pointsEarned) })}
          </p>
        ) : null}
        {data.refusedFiles.length > 0 ? (
          <div className="rp-summary" role="alert">
            <p style={{ margin: 0 }}>{t("thanks.filesRefused")}</p>
            {data.refusedFiles.map((message) => (
              <p key={message} className="rp-error">
                {message}
              </p>
            ))}
          </div>
        ) : null}
        {data.editableUntilText ? (
          <>
            <p>{t("thanks.edit", { until: data.editableUntilText })}</p>
            <Link className="rp-link" to={data.formPath}>
              {t("thanks.editLink")}
            </Link>
          </>
        ) : null}
      </MessagePanel>
    </ShopperPage>
  );
}
