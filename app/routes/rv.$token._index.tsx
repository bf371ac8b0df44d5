// /rv/:token — the link in a reply email with which the reviewer updates their review. The review's history
// keeps the earlier version beside the new one; the moderation rules check the new text again.
import {
  json,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LinkProblemPage, MessagePanel, ShopperPage } from "~/components/review-page/ShopperPage";
import { pageStrings, SHOPPER_PAGE_HEADERS, statusForProblem } from "~/modules/requests";
import { shopperLanguageFromAcceptLanguage } from "~/modules/shopper-language";
import {
  formatMessage,
  loadReviewForLink,
  REVIEW_LIMITS,
  shopperMessages,
  updateReviewFromLink,
  type ReviewForUpdate,
  type ShopperMessageKey,
} from "~/modules/reviews";

const TokenParam = z.string().min(1).max(4096);
const UpdateBody = z.object({
  rating: z.string().max(2),
  title: z.string().max(1_000).default(""),
  body: z.string().max(20_000).default(""),
});

type Problem = { view: "problem"; title: string; body: string };
type Loaded = {
  view: "form";
  review: Pick<
    ReviewForUpdate,
    "shopName" | "brandColor" | "locale" | "productTitle" | "rating" | "title" | "body" | "editable"
  >;
};
type Answer = { view: "saved" } | { view: "invalid"; errors: Record<string, string> };

function problem(reason: "malformed" | "forged" | "expired" | "not_found", request: Request) {
  const text = pageStrings(shopperLanguageFromAcceptLanguage(request.headers.get("Accept-Language")), "");
  return json<Problem>(
    { view: "problem", title: text.linkProblemTitle, body: text.linkProblemBody },
    { status: statusForProblem(reason), headers: SHOPPER_PAGE_HEADERS },
  );
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return problem("malformed", request);
  const found = await loadReviewForLink(token.data);
  if (!found.ok) return problem(found.reason, request);
  const { shopName, brandColor, locale, productTitle, rating, title, body, editable } = found.review;
  return json<Loaded>(
    { view: "form", review: { shopName, brandColor, locale, productTitle, rating, title, body, editable } },
    { headers: SHOPPER_PAGE_HEADERS },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = TokenParam.safeParse(params.token);
  if (!token.success) return problem("malformed", request);
  // The link is checked before the body is read: a forged or expired link uploads nothing.
  const link = await loadReviewForLink(token.data);
  if (!link.ok) return problem(link.reason, request);
  const form = UpdateBody.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return json<Answer>({ view: "invalid", errors: { rating: "rating.required" } }, { status: 422 });
  const result = await updateReviewFromLink({ token: token.data, ...form.data });
  if (result.ok) return json<Answer>({ view: "saved" }, { headers: SHOPPER_PAGE_HEADERS });
  if (result.reason === "invalid")
    return json<Answer>({ view: "invalid", errors: result.fieldErrors as Record<string, string> }, { status: 422 });
  if (result.reason === "not_editable")
    return json<Answer>({ view: "invalid", errors: { product: "update.notEditable" } }, { status: 409 });
  return problem(result.reason, request);
}

export const headers: HeadersFunction = () => SHOPPER_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = () => [
  { title: "Update your review" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function UpdateReviewPage() {
  const loaded = useLoaderData<typeof loader>() as Loaded | Problem;
  const answer = useActionData<typeof action>() as Answer | Problem | undefined;
  if (loaded.view === "problem") return <LinkProblemPage title={loaded.title} body={loaded.body} />;
  if (answer?.view === "problem") return <LinkProblemPage title={answer.title} body={answer.body} />;
  const { review } = loaded;
  const m = shopperMessages(review.locale);
  const t = (key: string) =>
    key in m ? formatMessage(m, key as ShopperMessageKey, { max: REVIEW_LIMITS.bodyMax }) : key;
  const errors = answer?.view === "invalid" ? answer.errors : {};
  return (
    <ShopperPage shopName={review.shopName} brandColor={review.brandColor}>
      <div lang={review.locale}>
        {answer?.view === "saved" ? (
          <MessagePanel title={m["update.title"]}>
            <p>{m["update.saved"]}</p>
          </MessagePanel>
        ) : !review.editable ? (
          <MessagePanel title={m["update.title"]}>
            <p>{m["update.notEditable"]}</p>
          </MessagePanel>
        ) : (
          <MessagePanel title={m["update.title"]}>
            <p>{review.productTitle ? `${review.productTitle}. ${m["update.intro"]}` : m["update.intro"]}</p>
            <Form method="post" reloadDocument>
              <fieldset className="rp-field">
                <legend>{m["stars.legend"]}</legend>
                <div className="rp-choice">
                  {[5, 4, 3, 2, 1].map((stars) => (
                    <label key={stars}>
                      <input type="radio" name="rating" value={stars} defaultChecked={stars === review.rating} />
                      {m[`stars.option.${stars}` as ShopperMessageKey]}
                    </label>
                  ))}
                </div>
                {errors.rating ? <p className="rp-error">{t(errors.rating)}</p> : null}
              </fieldset>
              <div className="rp-field">
                <label htmlFor="title">{m["title.label"]}</label>
                <input
                  type="text"
                  id="title"
                  name="title"
                  defaultValue={review.title ?? ""}
                  maxLength={REVIEW_LIMITS.titleMax}
                />
                {errors.title ? <p className="rp-error">{t(errors.title)}</p> : null}
              </div>
              <div className="rp-field">
                <label htmlFor="body">{m["body.label"]}</label>
                <textarea id="body" name="body" defaultValue={review.body} rows={6} maxLength={REVIEW_LIMITS.bodyMax} />
                {errors.body ? <p className="rp-error">{t(errors.body)}</p> : null}
              </div>
              {errors.product ? <p className="rp-error">{t(errors.product)}</p> : null}
              <button type="submit" className="rp-submit">
                {m["update.save"]}
              </button>
            </Form>
          </MessagePanel>
        )}
      </div>
    </ShopperPage>
  );
}
