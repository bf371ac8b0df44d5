// Per-shop settings: read with defaults created on first use, updated through one validated input.
// The Polaris Settings screen posts its form here; field names match the Settings model one to one.
import { z } from "zod";
import type { Settings } from ".prisma/client-sqlite";
import db, { orderedId, rawSql, runSql, selectRows, type DbClient } from "../../db.server";
import { loggerFor } from "../../logger.server";
import { SHOPPER_LANGUAGES, type ShopperLanguage } from "../shopper-language";

export const REQUEST_TRIGGERS = ["fulfillment", "delivery"] as const;
export type RequestTrigger = (typeof REQUEST_TRIGGERS)[number];

// The languages a shop can choose as its default for shoppers: the ones the shopper-language module speaks.
export const EMAIL_LOCALES = SHOPPER_LANGUAGES;
export type EmailLocale = ShopperLanguage;

export interface ShopSettings {
  shop: string;
  requestTrigger: RequestTrigger;
  daysAfterFulfillment: number;
  daysAfterDelivery: number;
  deliveryFallbackDays: number;
  maxProductsPerRequest: number;
  excludedProductIds: string[];
  frequencyCapDays: number;
  sendWindowStartHour: number;
  sendWindowEndHour: number;
  reminderEnabled: boolean;
  reminderDelayDays: number;
  postponeDays: number;
  maxPostpones: number;
  tokenTtlDays: number;
  senderName: string | null;
  replyToEmail: string | null;
  defaultLocale: EmailLocale;
  autoPublishMinRating: number;
  reportThreshold: number;
  keepAnonymousReviewsOnRedact: boolean;
  holdReviewsWithMedia: boolean;
  updatedAt: Date;
}

/** The defaults a new shop starts with (the same as the Settings model's column defaults). */
export const DEFAULT_SETTINGS: Omit<ShopSettings, "shop" | "updatedAt"> = {
  requestTrigger: "fulfillment",
  daysAfterFulfillment: 14,
  daysAfterDelivery: 5,
  deliveryFallbackDays: 30,
  maxProductsPerRequest: 3,
  excludedProductIds: [],
  frequencyCapDays: 30,
  sendWindowStartHour: 9,
  sendWindowEndHour: 17,
  reminderEnabled: true,
  reminderDelayDays: 7,
  postponeDays: 7,
  maxPostpones: 2,
  tokenTtlDays: 60,
  senderName: null,
  replyToEmail: null,
  defaultLocale: "en",
  // Every rating is published when it passes the content checks (docs/decisions/011-reviews-no-suppression.md).
  autoPublishMinRating: 1,
  reportThreshold: 3,
  keepAnonymousReviewsOnRedact: true,
  holdReviewsWithMedia: false,
};

// Form posts carry strings; JSON callers send numbers and booleans. Both are accepted.
function wholeNumber(label: string, min: number, max: number, unit = "") {
  const range = `${label} must be a whole number from ${min} to ${max}${unit}.`;
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v),
    z
      .number({ required_error: `${label} is required.`, invalid_type_error: range })
      .int(range)
      .min(min, range)
      .max(max, range),
  );
}

const checkbox = (label: string) =>
  z.preprocess(
    (v) => (v === "on" || v === "true" || v === "1" ? true : v === "false" || v === "0" || v === "" ? false : v),
    z.boolean({ invalid_type_error: `${label} must be on or off.` }),
  );

const optionalText = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : v),
    z.string().max(max, `${label} can be at most ${max} characters.`).nullable(),
  );

// A Shopify product: its numeric id ("8123456789012") or its GraphQL id ("gid://shopify/Product/8123456789012",
// what App Bridge's resource picker returns). Stored as the numeric id, as webhooks and Product rows carry it.
const PRODUCT_ID = /^(?:gid:\/\/shopify\/Product\/)?(\d{1,20})$/;

const productIdList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z
    .array(
      z
        .string()
        .trim()
        .max(100, "A product ID can be at most 100 characters.")
        .refine(
          (id) => PRODUCT_ID.test(id),
          (id) => ({ message: `“${id}” is not a Shopify product. Choose products from your catalogue.` }),
        )
        .transform((id) => PRODUCT_ID.exec(id)![1]),
      { invalid_type_error: "Excluded products must be a list of product IDs." },
    )
    .max(500, "You can exclude at most 500 products."),
);

const SettingsFields = z.object({
  requestTrigger: z.enum(REQUEST_TRIGGERS, {
    errorMap: () => ({ message: 'Choose when to ask: "fulfillment" or "delivery".' }),
  }),
  daysAfterFulfillment: wholeNumber("Days after fulfillment", 0, 90, " days"),
  daysAfterDelivery: wholeNumber("Days after delivery", 0, 60, " days"),
  deliveryFallbackDays: wholeNumber("Fallback days after fulfillment", 1, 120, " days"),
  maxProductsPerRequest: wholeNumber("Products per email", 1, 10),
  excludedProductIds: productIdList,
  frequencyCapDays: wholeNumber("Days between requests to the same customer", 0, 365, " days"),
  sendWindowStartHour: wholeNumber("Send window start", 0, 23, " o'clock"),
  sendWindowEndHour: wholeNumber("Send window end", 1, 24, " o'clock"),
  reminderEnabled: checkbox("Reminder"),
  reminderDelayDays: wholeNumber("Days before the reminder", 1, 30, " days"),
  postponeDays: wholeNumber("Days to wait after “not arrived yet”", 1, 30, " days"),
  maxPostpones: wholeNumber("Times a customer may postpone", 0, 5),
  tokenTtlDays: wholeNumber("Days a review link stays valid", 7, 365, " days"),
  senderName: optionalText(80, "Sender name"),
  replyToEmail: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : v),
    z.string().email("Enter a reply-to address like support@yourshop.com, or leave it empty.").max(254).nullable(),
  ),
  defaultLocale: z.enum(EMAIL_LOCALES, {
    errorMap: () => ({ message: "Choose a default email language: English (en) or Swedish (sv)." }),
  }),
  autoPublishMinRating: wholeNumber("Lowest rating published automatically", 1, 5, " stars"),
  reportThreshold: wholeNumber("Reports that send a review back to the queue", 1, 50),
  keepAnonymousReviewsOnRedact: checkbox("Keep anonymous reviews after a data deletion request"),
  holdReviewsWithMedia: checkbox("Hold reviews with photos or video for approval"),
});

function withSendWindowCheck<T extends z.ZodTypeAny>(schema: T) {
  return schema.superRefine((value: Partial<z.infer<typeof SettingsFields>>, ctx) => {
    if (
      value.sendWindowStartHour !== undefined &&
      value.sendWindowEndHour !== undefined &&
      value.sendWindowEndHour <= value.sendWindowStartHour
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["sendWindowEndHour"],
        message: "The send window must end after it starts (for example from 9 to 17).",
      });
    }
  });
}

/**
 * What updateSettings accepts: any subset of the fields (a form may post only what it shows). The result is
 * merged with the current settings and the whole is checked again, so cross-field rules always hold.
 */
export const SettingsInput = withSendWindowCheck(SettingsFields.partial().strict("Unknown setting."));
export type SettingsInput = z.input<typeof SettingsFields>;

const CompleteSettings = withSendWindowCheck(SettingsFields);

type SettingsRow = Awaited<ReturnType<typeof db.settings.create>>;

function toShopSettings(row: SettingsRow): ShopSettings {
  let excluded: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.excludedProductIds);
    if (Array.isArray(parsed)) excluded = parsed.filter((id): id is string => typeof id === "string");
  } catch {
    loggerFor({ shop: row.shop, module: "settings" }).warn(
      "excludedProductIds was not valid JSON; treating it as empty",
    );
  }
  return {
    shop: row.shop,
    requestTrigger: (REQUEST_TRIGGERS as readonly string[]).includes(row.requestTrigger)
      ? (row.requestTrigger as RequestTrigger)
      : DEFAULT_SETTINGS.requestTrigger,
    daysAfterFulfillment: row.daysAfterFulfillment,
    daysAfterDelivery: row.daysAfterDelivery,
    deliveryFallbackDays: row.deliveryFallbackDays,
    maxProductsPerRequest: row.maxProductsPerRequest,
    excludedProductIds: excluded,
    frequencyCapDays: row.frequencyCapDays,
    sendWindowStartHour: row.sendWindowStartHour,
    sendWindowEndHour: row.sendWindowEndHour,
    reminderEnabled: row.reminderEnabled,
    reminderDelayDays: row.reminderDelayDays,
    postponeDays: row.postponeDays,
    maxPostpones: row.maxPostpones,
    tokenTtlDays: row.tokenTtlDays,
    senderName: row.senderName,
    replyToEmail: row.replyToEmail,
    defaultLocale: (EMAIL_LOCALES as readonly string[]).includes(row.defaultLocale)
      ? (row.defaultLocale as EmailLocale)
      : DEFAULT_SETTINGS.defaultLocale,
    autoPublishMinRating: row.autoPublishMinRating,
    reportThreshold: row.reportThreshold,
    keepAnonymousReviewsOnRedact: row.keepAnonymousReviewsOnRedact,
    holdReviewsWithMedia: row.holdReviewsWithMedia,
    updatedAt: row.updatedAt,
  };
}

/** The shop's settings; the first read writes the defaults (concurrent first reads agree on one row). */
export async function getSettings(shop: string, client: DbClient = db): Promise<ShopSettings> {
  // Raw SQL: every order batch reads it, and a model call costs ~1 ms of Prisma's compiler (decision 009).
  const [existing] = await selectRows<Settings>(client, "Settings", rawSql().sql`"shop" = ${shop}`);
  if (existing) return toShopSettings(existing);
  // Two first reads at once (two workers' order batches of a new shop): the loser's insert does nothing and it
  // reads the winner's row. Not a caught unique violation: on PostgreSQL that error would abort the caller's
  // transaction (`client` is often one), and every later statement of it would fail.
  const now = new Date();
  await runSql(
    client,
    rawSql().sql`INSERT INTO "Settings" ("id", "shop", "createdAt", "updatedAt")
      VALUES (${orderedId()}, ${shop}, ${now}, ${now}) ON CONFLICT ("shop") DO NOTHING`,
  );
  return toShopSettings(await client.settings.findUniqueOrThrow({ where: { shop } }));
}

export type UpdateSettingsResult =
  { ok: true; settings: ShopSettings } | { ok: false; fieldErrors: Record<string, string> };

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length
      ? String(issue.path[0])
      : issue.code === "unrecognized_keys"
        ? issue.keys.join(", ")
        : "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export interface UpdateSettingsOptions {
  /**
   * Which of these product ids exist in the shop's catalogue (the route asks Shopify, through the catalog
   * module). Without it, only their format is checked.
   */
  knownProductIds?: (ids: string[]) => Promise<Set<string>>;
}

export async function updateSettings(
  shop: string,
  input: unknown,
  client: DbClient = db,
  options: UpdateSettingsOptions = {},
): Promise<UpdateSettingsResult> {
  const partial = SettingsInput.safeParse(input);
  if (!partial.success) return { ok: false, fieldErrors: fieldErrorsOf(partial.error) };
  const requested = partial.data.excludedProductIds as string[] | undefined;
  if (requested && requested.length > 0 && options.knownProductIds) {
    const known = await options.knownProductIds(requested);
    const unknown = requested.filter((id: string) => !known.has(id));
    if (unknown.length > 0) {
      return {
        ok: false,
        fieldErrors: {
          excludedProductIds: `Not found in your catalogue: ${unknown.join(", ")}. Choose products from the list.`,
        },
      };
    }
  }
  const current = await getSettings(shop, client);
  const { shop: _shop, updatedAt: _updatedAt, ...currentFields } = current;
  const merged = CompleteSettings.safeParse({ ...currentFields, ...definedOnly(partial.data) });
  if (!merged.success) return { ok: false, fieldErrors: fieldErrorsOf(merged.error) };
  const { excludedProductIds, ...rest } = merged.data;
  const row = await client.settings.update({
    where: { shop },
    data: { ...rest, excludedProductIds: JSON.stringify([...new Set(excludedProductIds)]) },
  });
  loggerFor({ shop, module: "settings" }).info({ fields: Object.keys(definedOnly(partial.data)) }, "settings updated");
  return { ok: true, settings: toShopSettings(row) };
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
