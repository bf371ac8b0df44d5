-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Settings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "requestTrigger" TEXT NOT NULL DEFAULT 'fulfillment',
    "daysAfterFulfillment" INTEGER NOT NULL DEFAULT 14,
    "daysAfterDelivery" INTEGER NOT NULL DEFAULT 5,
    "deliveryFallbackDays" INTEGER NOT NULL DEFAULT 30,
    "maxProductsPerRequest" INTEGER NOT NULL DEFAULT 3,
    "excludedProductIds" TEXT NOT NULL DEFAULT '[]',
    "frequencyCapDays" INTEGER NOT NULL DEFAULT 30,
    "sendWindowStartHour" INTEGER NOT NULL DEFAULT 9,
    "sendWindowEndHour" INTEGER NOT NULL DEFAULT 17,
    "reminderEnabled" BOOLEAN NOT NULL DEFAULT true,
    "reminderDelayDays" INTEGER NOT NULL DEFAULT 7,
    "postponeDays" INTEGER NOT NULL DEFAULT 7,
    "maxPostpones" INTEGER NOT NULL DEFAULT 2,
    "tokenTtlDays" INTEGER NOT NULL DEFAULT 60,
    "senderName" TEXT,
    "replyToEmail" TEXT,
    "defaultLocale" TEXT NOT NULL DEFAULT 'en',
    "autoPublishMinRating" INTEGER NOT NULL DEFAULT 4,
    "keepAnonymousReviewsOnRedact" BOOLEAN NOT NULL DEFAULT true,
    "holdReviewsWithMedia" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Settings" ("autoPublishMinRating", "createdAt", "daysAfterDelivery", "daysAfterFulfillment", "defaultLocale", "deliveryFallbackDays", "excludedProductIds", "frequencyCapDays", "id", "keepAnonymousReviewsOnRedact", "maxPostpones", "maxProductsPerRequest", "postponeDays", "reminderDelayDays", "reminderEnabled", "replyToEmail", "requestTrigger", "sendWindowEndHour", "sendWindowStartHour", "senderName", "shop", "tokenTtlDays", "updatedAt") SELECT "autoPublishMinRating", "createdAt", "daysAfterDelivery", "daysAfterFulfillment", "defaultLocale", "deliveryFallbackDays", "excludedProductIds", "frequencyCapDays", "id", "keepAnonymousReviewsOnRedact", "maxPostpones", "maxProductsPerRequest", "postponeDays", "reminderDelayDays", "reminderEnabled", "replyToEmail", "requestTrigger", "sendWindowEndHour", "sendWindowStartHour", "senderName", "shop", "tokenTtlDays", "updatedAt" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
CREATE UNIQUE INDEX "Settings_shop_key" ON "Settings"("shop");
CREATE TABLE "new_ReviewMedia" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'photo',
    "status" TEXT NOT NULL DEFAULT 'ready',
    "token" TEXT NOT NULL,
    "storageKey" TEXT,
    "thumbnailKey" TEXT,
    "posterKey" TEXT,
    "incomingKey" TEXT,
    "mimeType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "durationMs" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "failure" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewMedia_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReviewMedia" ("bytes", "createdAt", "height", "id", "mimeType", "reviewId", "shop", "storageKey", "width") SELECT "bytes", "createdAt", "height", "id", "mimeType", "reviewId", "shop", "storageKey", "width" FROM "ReviewMedia";
DROP TABLE "ReviewMedia";
ALTER TABLE "new_ReviewMedia" RENAME TO "ReviewMedia";
CREATE UNIQUE INDEX "ReviewMedia_token_key" ON "ReviewMedia"("token");
CREATE INDEX "ReviewMedia_reviewId_idx" ON "ReviewMedia"("reviewId");
CREATE INDEX "ReviewMedia_shop_kind_reviewId_idx" ON "ReviewMedia"("shop", "kind", "reviewId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

