// The review form: one card per product of the order, one display name, one submit. A plain HTML form, rendered
// on the server only (shopper pages are not hydrated): it works without JavaScript, the server is the judge and
// answers with errors next to the fields, the first problem focused, and what the shopper typed. The form is
// multipart and posts as a document: photos and video travel with it. The page's own small scripts, not React,
// enhance it and find their way by the data-* attributes set here: app/shopper/review-page.ts (character counters,
// the missing-rating hint before sending, Smart Prompts' live "covered" chips) and app/shopper/review-media.js (it
// takes over the sending for previews, progress and downscaling).
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import {
  cardFieldName,
  DISPLAY_NAME_FIELD,
  FIT_ANSWERS,
  formatMessage,
  REVIEW_LIMITS,
  type FitAnswer,
  type ReviewField,
  type ReviewFormValues,
  type ShopperMessageKey,
  type ShopperMessages,
} from "~/modules/reviews";
import { CounterSlot } from "./CounterSlot";
import { MediaFields, mediaRequestMaxBytes, mediaScriptTexts } from "./MediaFields";
import { SmartPromptChips, type PromptTopic } from "./SmartPromptChips";
import { StarRatingInput } from "./StarRatingInput";

const FIT_CHOICES: Array<FitAnswer | ""> = [...FIT_ANSWERS, ""];

export interface ReviewFormProduct {
  productShopifyId: string;
  title: string;
  imageUrl: string | null;
  apparel: boolean;
  review: { rating: number; title: string; body: string; fit: string | null; displayName: string } | null;
  /** Set while an earlier review can still be changed: when that ends, in words. */
  editableUntilText: string | null;
}

export type FieldMessages = Record<string, Partial<Record<ReviewField, string>>>;

export interface ReviewFormSubmitted {
  errors: FieldMessages;
  /** Problems that belong to no card on this page (the link, a product not in the order). */
  generalErrors: string[];
  values: ReviewFormValues;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="rp-error">
      {message}
    </p>
  ) : null;
}

export function ReviewForm(props: {
  products: ReviewFormProduct[];
  displayName: string;
  messages: ShopperMessages;
  /** The star the shopper tapped in the email, and under which product. */
  tapped: { rating: number; productShopifyId: string | null } | null;
  submitted: ReviewFormSubmitted | null;
  /** What the page adds after the product cards, inside the form (the store question). */
  afterCards?: ReactNode;
  /** Smart Prompts: per product id the topics to suggest (with "covered" from the text shown), and the index. */
  prompts?: {
    title: string;
    covered: string;
    products: Record<string, PromptTopic[]>;
    index: Record<string, string>;
  } | null;
}) {
  const { messages, products, submitted, prompts } = props;
  const t = (key: ShopperMessageKey, values?: Record<string, string | number>) => formatMessage(messages, key, values);
  const errors: FieldMessages = submitted?.errors ?? {};
  const editable = products.filter((product) => !product.review || product.editableUntilText);
  const displayNameError = Object.values(errors).find((fields) => fields.displayName)?.displayName;

  // The first field with a problem, in page order: the server (autoFocus) and the client (effect) agree.
  const firstInvalidId = (() => {
    for (const [index, product] of products.entries()) {
      const fields = errors[product.productShopifyId];
      if (!fields) continue;
      const rating = fields.rating ? ratingDefault(product) : null;
      if (fields.product) return `p${index}-card`;
      if (fields.rating) return `p${index}-rating-${rating ?? 1}`;
      if (fields.title) return `p${index}-title`;
      if (fields.body) return `p${index}-body`;
      if (fields.fit) return `p${index}-fit`;
    }
    if (displayNameError) return "display-name";
    return submitted?.generalErrors.length ? "rp-summary" : null;
  })();

  function ratingDefault(product: ReviewFormProduct): number | null {
    const typed = submitted?.values.products[product.productShopifyId]?.rating;
    if (submitted) return typed && /^[1-5]$/.test(typed) ? Number(typed) : null;
    if (product.review) return product.review.rating;
    return props.tapped && props.tapped.productShopifyId === product.productShopifyId ? props.tapped.rating : null;
  }

  function valueOf(product: ReviewFormProduct, field: "title" | "body" | "fit"): string {
    if (submitted) return submitted.values.products[product.productShopifyId]?.[field] ?? "";
    return product.review?.[field] ?? "";
  }

  const summary = submitted && (Object.keys(submitted.errors).length > 0 || submitted.generalErrors.length > 0);

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      reloadDocument
      data-review-form=""
      data-rp-texts={JSON.stringify({
        counter: messages.counter,
        ratingRequired: t("errors.rating.required"),
        submitting: t("submitting"),
        covered: prompts?.covered ?? "",
      })}
      data-prompt-index={prompts ? JSON.stringify(prompts.index) : undefined}
      data-media-form=""
      data-media-texts={mediaScriptTexts(messages)}
      data-media-request-max={mediaRequestMaxBytes()}
    >
      {summary ? (
        <div
          id="rp-summary"
          className="rp-summary"
          role="alert"
          tabIndex={-1}
          autoFocus={firstInvalidId === "rp-summary"}
        >
          <p style={{ margin: 0 }}>{t("errors.summary")}</p>
          {submitted.generalErrors.map((message) => (
            <p key={message} className="rp-error">
              {message}
            </p>
          ))}
        </div>
      ) : null}

      {products.map((product, index) => {
        const id = product.productShopifyId;
        const fields = errors[id] ?? {};
        const done = product.review && !product.editableUntilText;
        const headingId = `p${index}-name`;
        return (
          <section
            key={id}
            id={`p${index}-card`}
            data-card={id}
            className="rp-card"
            aria-labelledby={headingId}
            tabIndex={fields.product ? -1 : undefined}
          >
            <div className="rp-product">
              {product.imageUrl ? (
                <img src={product.imageUrl} alt="" width={64} height={64} loading={index > 1 ? "lazy" : undefined} />
              ) : null}
              <div>
                <h2 id={headingId}>{product.title}</h2>
                {product.editableUntilText ? (
                  <p className="rp-note">{t("page.editing", { until: product.editableUntilText })}</p>
                ) : null}
              </div>
            </div>
            <FieldError id={`p${index}-product-error`} message={fields.product} />
            {done ? (
              <p className="rp-done">{t("page.alreadyReviewed")}</p>
            ) : (
              <>
                <StarRatingInput
                  name={cardFieldName("rating", id)}
                  idPrefix={`p${index}-rating`}
                  legend={t("stars.legend")}
                  optionLabels={[
                    t("stars.option.1"),
                    t("stars.option.2"),
                    t("stars.option.3"),
                    t("stars.option.4"),
                    t("stars.option.5"),
                  ]}
                  defaultValue={ratingDefault(product)}
                  required={editable.length === 1}
                  error={fields.rating ?? null}
                  autoFocus={firstInvalidId?.startsWith(`p${index}-rating-`) ?? false}
                />
                <div className="rp-field">
                  <label htmlFor={`p${index}-title`}>{t("title.label")}</label>
                  <input
                    type="text"
                    id={`p${index}-title`}
                    name={cardFieldName("title", id)}
                    defaultValue={valueOf(product, "title")}
                    placeholder={t("title.placeholder")}
                    maxLength={REVIEW_LIMITS.titleMax}
                    autoComplete="off"
                    aria-invalid={fields.title ? true : undefined}
                    aria-describedby={fields.title ? `p${index}-title-error` : undefined}
                    autoFocus={firstInvalidId === `p${index}-title`}
                    data-counter-max={REVIEW_LIMITS.titleMax}
                  />
                  <FieldError id={`p${index}-title-error`} message={fields.title} />
                  <CounterSlot forId={`p${index}-title`} />
                </div>
                <div className="rp-field">
                  <label htmlFor={`p${index}-body`}>{t("body.label")}</label>
                  <textarea
                    id={`p${index}-body`}
                    name={cardFieldName("body", id)}
                    defaultValue={valueOf(product, "body")}
                    placeholder={t("body.placeholder")}
                    maxLength={REVIEW_LIMITS.bodyMax}
                    rows={5}
                    aria-invalid={fields.body ? true : undefined}
                    aria-describedby={
                      [
                        fields.body ? `p${index}-body-error` : "",
                        prompts?.products[id]?.length ? `p${index}-prompts` : "",
                      ]
                        .filter(Boolean)
                        .join(" ") || undefined
                    }
                    autoFocus={firstInvalidId === `p${index}-body`}
                    data-counter-max={REVIEW_LIMITS.bodyMax}
                  />
                  <FieldError id={`p${index}-body-error`} message={fields.body} />
                  <CounterSlot forId={`p${index}-body`} />
                  {prompts?.products[id]?.length ? (
                    <SmartPromptChips
                      id={`p${index}-prompts`}
                      title={prompts.title}
                      coveredLabel={prompts.covered}
                      topics={prompts.products[id]}
                    />
                  ) : null}
                </div>
                {product.apparel || fields.fit ? (
                  <fieldset className="rp-field" aria-describedby={fields.fit ? `p${index}-fit-error` : undefined}>
                    <legend>{t("fit.legend")}</legend>
                    <div className="rp-choice">
                      {FIT_CHOICES.map((answer, position) => (
                        <label key={answer || "none"}>
                          <input
                            type="radio"
                            id={position === 0 ? `p${index}-fit` : undefined}
                            name={cardFieldName("fit", id)}
                            value={answer}
                            defaultChecked={answer !== "" && valueOf(product, "fit") === answer}
                            aria-invalid={fields.fit ? true : undefined}
                            autoFocus={position === 0 && firstInvalidId === `p${index}-fit`}
                          />
                          {answer ? t(`fit.${answer}`) : t("fit.none")}
                        </label>
                      ))}
                    </div>
                    <FieldError id={`p${index}-fit-error`} message={fields.fit} />
                  </fieldset>
                ) : null}
                <MediaFields index={index} productShopifyId={id} messages={messages} />
              </>
            )}
          </section>
        );
      })}

      {editable.length > 0 ? props.afterCards : null}

      {editable.length > 0 ? (
        <section className="rp-card">
          <div className="rp-field" style={{ marginTop: 0 }}>
            <label htmlFor="display-name">{t("displayName.label")}</label>
            <p id="display-name-hint" className="rp-hint">
              {t("displayName.hint")}
            </p>
            <input
              type="text"
              id="display-name"
              name={DISPLAY_NAME_FIELD}
              defaultValue={submitted ? submitted.values.displayName : props.displayName}
              maxLength={REVIEW_LIMITS.displayNameMax}
              autoComplete="given-name"
              aria-invalid={displayNameError ? true : undefined}
              aria-describedby={displayNameError ? "display-name-error display-name-hint" : "display-name-hint"}
              autoFocus={firstInvalidId === "display-name"}
            />
            <FieldError id="display-name-error" message={displayNameError} />
          </div>
          <button type="submit" className="rp-submit">
            {editable.length > 1 ? t("submitMany") : t("submit")}
          </button>
          <p className="rp-verified">{t("verifiedNote")}</p>
          <p className="rp-hint" data-media-status aria-live="polite" />
        </section>
      ) : null}
    </Form>
  );
}
