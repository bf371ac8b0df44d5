// /r/:token — the review page a shopper reaches from the review-request email. An index route, not
// r.$token.tsx: a layout there would wrap /r/:token/thanks, /unsubscribe and /not-arrived in this form. Public (the
// signed token is
// the only key), shopper-facing: plain HTML that works without JavaScript on a phone, in the shopper's
// language. Thin: the reviews module checks the token, reads the form and saves.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { MessagePanel, ShopperPage } from "~/components/review-page/ShopperPage";
import { ReviewForm, type FieldMessages, type ReviewFormProduct } from "~/components/review-page/ReviewForm";
import {
  ERROR_LIMITS,
  formatMessage,
  loadReviewPage,
  shopperMessages,
  statusForLinkProblem,
  submitReviewForm,
  encodeRefusedFile,
  type ReviewFieldErrorKey,
  type ReviewLinkProblem,
  type ReviewPage,
  type ShopperMessages,
} from "~/modules/reviews";
import { shopperLanguageFromAcceptLanguage, type ShopperLanguage } from "~/modules/shopper-language";
import { loggerFor } from "~/logger.server";
import { reviewPointsOffer } from "~/modules/loyalty";

// The token is a bearer credential: keep it out of caches, search engines and the Referer header sent to
// image hosts. "same-origin" rather than "no-referrer": under no-referrer browsers send `Origin: null` with
// the form POST, and Remix refuses such an action as a possible CSRF attack.
const PRIVATE_PAGE_HEADERS = {
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "same-origin",
  "X-Robots-Tag": "noindex, nofollow",
} as const;

const TappedRating = z.coerce.number().int().min(1).max(5);

type UnavailableView = {
  view: "unavailable";
  problem: ReviewLinkProblem;
  htmlLang: ShopperLanguage;
  messages: ShopperMessages;
};

function unavailable(problem: ReviewLinkProblem, request: Request) {
  // Nothing about the request is known (or may be shown), so the browser's language decides.
  const locale = shopperLanguageFromAcceptLanguage(request.headers.get("Accept-Language"));
  const body: UnavailableView = { view: "unavailable", problem, htmlLang: locale, messages: shopperMessages(locale) };
  return json(body, { status: statusForLinkProblem(problem), headers: PRIVATE_PAGE_HEADERS });
}

function formatUntil(iso: string, page: ReviewPage): string {
  return new Intl.DateTimeFormat(page.locale === "sv" ? "sv-SE" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: page.timezone,
  }).format(new Date(iso));
}

function formProducts(page: ReviewPage): ReviewFormProduct[] {
  return page.products.map((product) => ({
    productShopifyId: product.productShopifyId,
    title: product.title,
    imageUrl: product.imageUrl,
    apparel: product.apparel,
    review: product.review,
    editableUntilText: product.review?.editableUntil ? formatUntil(product.review.editableUntil, page) : null,
  }));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const loaded = await loadReviewPage(params.token ?? "");
  if (!loaded.ok) return unavailable(loaded.problem, request);
  const { page, request: reviewRequest } = loaded;
  const query = new URL(request.url).searchParams;
  const tapped = TappedRating.safeParse(query.get("rating"));
  // The email's star links name the product they were under; a link without one means the first product.
  const named = page.products.find((product) => product.productShopifyId === query.get("product"));
  return json(
    {
      view: page.complete ? ("reviewed" as const) : ("form" as const),
      htmlLang: page.locale,
      messages: shopperMessages(page.locale),
      shopName: page.shopName,
      brandColor: page.brandColor,
      orderName: page.orderName,
      displayName: page.displayName,
      products: formProducts(page),
      // Points never depend on the rating or the words (FTC): the page says so next to the offer.
      pointsOffer: await reviewPointsOffer(page.shop, {
        customerShopifyId: reviewRequest.customerShopifyId,
        productShopifyIds: page.products.filter((p) => !p.review).map((p) => p.productShopifyId),
      }),
      tapped: tapped.success
        ? { rating: tapped.data, productShopifyId: (named ?? page.products[0])?.productShopifyId ?? null }
        : null,
    },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  // The token is checked before the body is read (a bad link costs no upload).
  const submission = await submitReviewForm(token, request);
  if (!submission.ok && submission.problem === "upload_too_large") {
    const messages = shopperMessages(submission.page.locale);
    const generalErrors = [formatMessage(messages, "errors.form.upload_too_large", { max: submission.maxMegabytes })];
    return json(
      { errors: {} as FieldMessages, generalErrors, values: { displayName: "", products: {} } },
      { status: 413, headers: PRIVATE_PAGE_HEADERS },
    );
  }
  if (!submission.ok) return unavailable(submission.problem, request);
  const { page, result, values } = submission;
  if (result.ok) {
    const thanks = new URLSearchParams();
    for (const file of result.refusedFiles) thanks.append("refused", encodeRefusedFile(file.refusal, file.fileName));
    const query = thanks.size > 0 ? `?${thanks}` : "";
    return redirect(`/r/${encodeURIComponent(token)}/thanks${query}`, { headers: PRIVATE_PAGE_HEADERS });
  }

  const messages = shopperMessages(page.locale);
  const say = (key: ReviewFieldErrorKey) => formatMessage(messages, `errors.${key}`, { max: ERROR_LIMITS[key] ?? "" });
  const onPage = new Set(page.products.map((product) => product.productShopifyId));
  const errors: FieldMessages = {};
  const generalErrors: string[] = [];
  if (result.formError) generalErrors.push(formatMessage(messages, `errors.form.${result.formError}`));
  for (const [productShopifyId, fields] of Object.entries(result.fieldErrors)) {
    if (!onPage.has(productShopifyId)) {
      // A product that is not on this page cannot show its error next to a field.
      for (const key of Object.values(fields)) if (key) generalErrors.push(say(key));
      continue;
    }
    errors[productShopifyId] = Object.fromEntries(
      Object.entries(fields).map(([field, key]) => [field, say(key as ReviewFieldErrorKey)]),
    );
  }
  loggerFor({ shop: page.shop, module: "reviews" }).info(
    { requestId: page.requestId, fieldErrors: result.fieldErrors, formError: result.formError },
    "review form refused",
  );
  return json(
    { errors, generalErrors, values },
    { status: result.formError === "request_unavailable" ? 409 : 422, headers: PRIVATE_PAGE_HEADERS },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(loaderHeaders);
  actionHeaders.forEach((value, name) => merged.set(name, value));
  return merged;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [];
  const title =
    data.view === "unavailable"
      ? formatMessage(
          data.messages,
          data.problem === "expired"
            ? "unavailable.expired.title"
            : data.problem === "cancelled"
              ? "unavailable.cancelled.title"
              : "unavailable.invalid.title",
        )
      : formatMessage(data.messages, "page.title", { shop: data.shopName });
  return [{ title }, { name: "referrer", content: "same-origin" }, { name: "robots", content: "noindex, nofollow" }];
};

/** What a review earns, and that it earns it whatever it says (points never depend on the rating or the words). */
function PointsOffer({
  offer,
  t,
}: {
  offer: { reviewPoints: number; photoBonusPoints: number; allProducts: boolean };
  t: (key: Parameters<typeof formatMessage>[1], values?: Record<string, string | number>) => string;
}) {
  if (offer.reviewPoints === 0) {
    return <p className="rp-intro">{t("loyalty.photoOnly", { points: String(offer.photoBonusPoints) })}</p>;
  }
  return (
    <p className="rp-intro">
      {t(offer.allProducts ? "loyalty.offer" : "loyalty.offerSome", { points: String(offer.reviewPoints) })}
      {offer.photoBonusPoints > 0 ? ` ${t("loyalty.photoBonus", { points: String(offer.photoBonusPoints) })}` : ""}
    </p>
  );
}

export default function ReviewRequestPage() {
  const data = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const t = (key: Parameters<typeof formatMessage>[1], values?: Record<string, string | number>) =>
    formatMessage(data.messages, key, values);

  if (data.view === "unavailable") {
    const kind = data.problem === "expired" ? "expired" : data.problem === "cancelled" ? "cancelled" : "invalid";
    return (
      <ShopperPage shopName={null} brandColor="#1f5135">
        <MessagePanel title={t(`unavailable.${kind}.title`)}>
          <p>{t(`unavailable.${kind}.body`)}</p>
        </MessagePanel>
      </ShopperPage>
    );
  }

  if (data.view === "reviewed") {
    return (
      <ShopperPage shopName={data.shopName} brandColor={data.brandColor}>
        <MessagePanel title={t("unavailable.reviewed.title")}>
          <p>{t("unavailable.reviewed.body", { shop: data.shopName })}</p>
        </MessagePanel>
      </ShopperPage>
    );
  }

  return (
    <ShopperPage shopName={data.shopName} brandColor={data.brandColor}>
      <h1>{t("page.title", { shop: data.shopName })}</h1>
      <p className="rp-intro">
        {t("page.intro", { shop: data.shopName })}
        {data.products.length > 1 ? ` ${t("page.introMany")}` : ""}
      </p>
      {data.pointsOffer ? <PointsOffer offer={data.pointsOffer} t={t} /> : null}
      <ReviewForm
        products={data.products}
        displayName={data.displayName}
        messages={data.messages}
        tapped={data.tapped}
        submitted={submitted && "errors" in submitted ? submitted : null}
      />
    </ShopperPage>
  );
}
