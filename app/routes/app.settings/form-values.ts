// The Settings form's fields, as the form posts them (strings) and as the settings module stores them.
import type { ShopSettings } from "~/modules/settings";

/** Every field the form posts; anything else in a post is ignored here and never reaches the module. */
export const FORM_FIELDS = [
  "requestTrigger",
  "daysAfterFulfillment",
  "daysAfterDelivery",
  "deliveryFallbackDays",
  "maxProductsPerRequest",
  "excludedProductIds",
  "frequencyCapDays",
  "sendWindowStartHour",
  "sendWindowEndHour",
  "reminderEnabled",
  "reminderDelayDays",
  "postponeDays",
  "maxPostpones",
  "tokenTtlDays",
  "senderName",
  "replyToEmail",
  "defaultLocale",
  "autoPublishMinRating",
  "reportThreshold",
  "keepAnonymousReviewsOnRedact",
  "holdReviewsWithMedia",
] as const satisfies readonly (keyof ShopSettings)[];

export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

export function formValuesOf(settings: Pick<ShopSettings, FormField>): FormValues {
  return {
    requestTrigger: settings.requestTrigger,
    daysAfterFulfillment: String(settings.daysAfterFulfillment),
    daysAfterDelivery: String(settings.daysAfterDelivery),
    deliveryFallbackDays: String(settings.deliveryFallbackDays),
    maxProductsPerRequest: String(settings.maxProductsPerRequest),
    excludedProductIds: settings.excludedProductIds.join("\n"),
    frequencyCapDays: String(settings.frequencyCapDays),
    sendWindowStartHour: String(settings.sendWindowStartHour),
    sendWindowEndHour: String(settings.sendWindowEndHour),
    reminderEnabled: String(settings.reminderEnabled),
    reminderDelayDays: String(settings.reminderDelayDays),
    postponeDays: String(settings.postponeDays),
    maxPostpones: String(settings.maxPostpones),
    tokenTtlDays: String(settings.tokenTtlDays),
    senderName: settings.senderName ?? "",
    replyToEmail: settings.replyToEmail ?? "",
    defaultLocale: settings.defaultLocale,
    autoPublishMinRating: String(settings.autoPublishMinRating),
    reportThreshold: String(settings.reportThreshold),
    keepAnonymousReviewsOnRedact: String(settings.keepAnonymousReviewsOnRedact),
    holdReviewsWithMedia: String(settings.holdReviewsWithMedia),
  };
}
