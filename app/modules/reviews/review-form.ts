// The review page's HTML form, read back into review entries. One card per product posts
// rating[<product id>], title[<id>], body[<id>], fit[<id>]; one display name applies to every review (a
// shopper has one name). A card left completely blank is a product the shopper chose not to review. Files
// come in photos[<id>] (up to five) and video[<id>]; a card with a file is not blank.
import type { ReviewEntryInput } from "./review-entry";

export type MediaFieldKind = "photo" | "video";

export function mediaFieldName(kind: MediaFieldKind, productShopifyId: string): string {
  return `${kind === "photo" ? "photos" : "video"}[${productShopifyId}]`;
}

const MEDIA_FIELD_NAME = /^(photos|video)\[([^\]]{1,100})\]$/;

/** The product and kind a file field is for, or null for a field that is not one. */
export function readMediaField(name: string): { kind: MediaFieldKind; productShopifyId: string } | null {
  const match = MEDIA_FIELD_NAME.exec(name);
  return match ? { kind: match[1] === "photos" ? "photo" : "video", productShopifyId: match[2] } : null;
}

export const CARD_FIELDS = ["rating", "title", "body", "fit"] as const;
export type CardField = (typeof CARD_FIELDS)[number];

export function cardFieldName(field: CardField, productShopifyId: string): string {
  return `${field}[${productShopifyId}]`;
}

export const DISPLAY_NAME_FIELD = "displayName";

export interface ReviewFormValues {
  displayName: string;
  products: Record<string, Partial<Record<CardField, string>>>;
}

const CARD_FIELD_NAME = /^(rating|title|body|fit)\[([^\]]{1,100})\]$/;

export function readReviewForm(
  form: FormData,
  productsWithFiles: ReadonlySet<string> = new Set(),
): { entries: ReviewEntryInput[]; values: ReviewFormValues } {
  const displayNameValue = form.get(DISPLAY_NAME_FIELD);
  const values: ReviewFormValues = {
    displayName: typeof displayNameValue === "string" ? displayNameValue : "",
    products: {},
  };
  for (const [name, value] of form.entries()) {
    const match = CARD_FIELD_NAME.exec(name);
    if (!match || typeof value !== "string") continue;
    const [, field, productShopifyId] = match as unknown as [string, CardField, string];
    (values.products[productShopifyId] ??= {})[field] = value;
  }
  for (const productShopifyId of productsWithFiles) values.products[productShopifyId] ??= {};
  const entries: ReviewEntryInput[] = Object.entries(values.products)
    .filter(([id, card]) => productsWithFiles.has(id) || CARD_FIELDS.some((field) => (card[field] ?? "").trim() !== ""))
    .map(([productShopifyId, card]) => ({
      productShopifyId,
      rating: card.rating,
      title: card.title,
      body: card.body,
      fit: card.fit,
      displayName: values.displayName,
    }));
  return { entries, values };
}
