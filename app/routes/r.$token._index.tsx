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
import { MessagePanel, SHOPPER_PAGE_HANDLE, ShopperPage } from "~/components/review-page/ShopperPage";
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
  type ReviewFormValues,
  type ReviewPage,
  type ShopperMessages,
} from "~/modules/reviews";
import { shopperLanguageFromAcceptLanguage, type ShopperLanguage } from "~/modules/shopper-language";
import {
  CES_MAX,
  CES_MIN,
  NPS_MAX,
  NPS_MIN,
  readStoreAnswer,
  recordStoreAnswer,
  smartPromptsFor,
  STORE_COMMENT_MAX,
  STORE_QUESTION_FIELDS,
  storeAnswerForRequest,
  vocShopperWords,
} from "~/modules/voc";
import { coveredTopics } from "~/shopper/prompt-coverage";
import { shopperScriptUrls } from "~/shopper-scripts.server";
import { StoreQuestion, type StoreQuestionProps } from "~/components/review-page/StoreQuestion";
import { VOC_PAGE_CSS } from "~/components/review-page/voc-page-styles";
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

/** A post refused before its fields were read (too large): the form comes back empty. */
const NOTHING_TYPED: ReviewFormValues = { displayName: "", products: {} };

/**
 * The page's scripts (names from the shopper scripts' build, or paths of files in public/): all the JavaScript a
 * shopper's phone gets here, within the review page's budget (npm run bench:review-page). A feature that enhances
 * the page adds its script to this list.
 */
const REVIEW_PAGE_SCRIPTS = ["review-page", "review-media"] as const;

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

async function smartPrompts(page: ReviewPage) {
  const editable = page.products.filter((product) => !product.review || product.review.editableUntil);
  const prompts = await smartPromptsFor(
    page.shop,
    editable.map((product) => product.productShopifyId),
    page.locale,
  );
  const words = vocShopperWords(page.locale);
  return { title: words["prompts.title"], covered: words["prompts.covered"], ...prompts };
}

async function storeQuestion(page: ReviewPage): Promise<StoreQuestionProps> {
  return {
    words: vocShopperWords(page.locale, { shop: page.shopName }),
    fields: STORE_QUESTION_FIELDS,
    scales: { nps: [NPS_MIN, NPS_MAX], ces: [CES_MIN, CES_MAX] },
    commentMax: STORE_COMMENT_MAX,
    answer: await storeAnswerForRequest(page.shop, page.requestId),
  };
}

/** The store question is answered with every post of a valid link; it never holds the review back. */
async function recordStoreQuestion(page: ReviewPage, form: FormData | null): Promise<void> {
  if (!form) return;
  const log = loggerFor({ shop: page.shop, module: "voc" });
  try {
    const { answer, ignored } = readStoreAnswer(form);
    if (ignored.length > 0) log.info({ requestId: page.requestId, ignored }, "store question: values ignored");
    await recordStoreAnswer({ shop: page.shop, requestId: page.requestId, locale: page.locale, answer });
  } catch (error) {
    log.error({ err: error, requestId: page.requestId }, "store question answer not saved");
  }
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
      storeQuestion: page.complete ? null : await storeQuestion(page),
      prompts: page.complete ? null : await smartPrompts(page),
      scripts: page.complete ? [] : shopperScriptUrls(REVIEW_PAGE_SCRIPTS),
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
      { errors: {} as FieldMessages, generalErrors, values: NOTHING_TYPED },
      { status: 413, headers: PRIVATE_PAGE_HEADERS },
    );
  }
  if (!submission.ok) return unavailable(submission.problem, request);
  const { page, result, values, form } = submission;
  await recordStoreQuestion(page, form);
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

// Server-rendered only: no React in the browser (app/root.tsx).
export const handle = SHOPPER_PAGE_HANDLE;

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

  const submittedValues = submitted && "errors" in submitted ? submitted.values : null;
  // Without JavaScript the chips are plain hints; those the shopper's text already covers say so.
  const prompts = data.prompts
    ? {
        ...data.prompts,
        products: Object.fromEntries(
          data.products.map((product) => {
            const sent = submittedValues?.products[product.productShopifyId];
            const text = sent
              ? `${sent.title ?? ""}\n${sent.body ?? ""}`
              : `${product.review?.title ?? ""}\n${product.review?.body ?? ""}`;
            const covered = new Set(coveredTopics(text, data.prompts!.index));
            const topics = data.prompts!.products[product.productShopifyId] ?? [];
            return [product.productShopifyId, topics.map((topic) => ({ ...topic, covered: covered.has(topic.key) }))];
          }),
        ),
      }
    : null;
  return (
    <ShopperPage shopName={data.shopName} brandColor={data.brandColor} scripts={data.scripts}>
      <h1>{t("page.title", { shop: data.shopName })}</h1>
      <p className="rp-intro">
        {t("page.intro", { shop: data.shopName })}
        {data.products.length > 1 ? ` ${t("page.introMany")}` : ""}
      </p>
      {data.pointsOffer ? <PointsOffer offer={data.pointsOffer} t={t} /> : null}
      <style dangerouslySetInnerHTML={{ __html: VOC_PAGE_CSS }} />
      <ReviewForm
        products={data.products}
        displayName={data.displayName}
        messages={data.messages}
        tapped={data.tapped}
        submitted={submitted && "errors" in submitted ? submitted : null}
        afterCards={data.storeQuestion ? <StoreQuestion {...data.storeQuestion} /> : null}
        prompts={prompts}
      />
    </ShopperPage>
  );
}
