-- CreateTable
CREATE TABLE "ReviewModerationEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT,
    "previous" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReviewReplyEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "FollowUpTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT,
    "closedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProductRatingSync" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "dirtyAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReviewImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "separator" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'uploading',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "rejected" TEXT NOT NULL DEFAULT '',
    "failure" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ReviewImportChunk" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewPhotoFetch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "importId" TEXT,
    "line" INTEGER,
    "url" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StandInMetafield" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

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
    "autoPublishMinRating" INTEGER NOT NULL DEFAULT 1,
    "reportThreshold" INTEGER NOT NULL DEFAULT 3,
    "keepAnonymousReviewsOnRedact" BOOLEAN NOT NULL DEFAULT true,
    "holdReviewsWithMedia" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Settings" ("autoPublishMinRating", "createdAt", "daysAfterDelivery", "daysAfterFulfillment", "defaultLocale", "deliveryFallbackDays", "excludedProductIds", "frequencyCapDays", "holdReviewsWithMedia", "id", "keepAnonymousReviewsOnRedact", "maxPostpones", "maxProductsPerRequest", "postponeDays", "reminderDelayDays", "reminderEnabled", "replyToEmail", "requestTrigger", "sendWindowEndHour", "sendWindowStartHour", "senderName", "shop", "tokenTtlDays", "updatedAt") SELECT "autoPublishMinRating", "createdAt", "daysAfterDelivery", "daysAfterFulfillment", "defaultLocale", "deliveryFallbackDays", "excludedProductIds", "frequencyCapDays", "holdReviewsWithMedia", "id", "keepAnonymousReviewsOnRedact", "maxPostpones", "maxProductsPerRequest", "postponeDays", "reminderDelayDays", "reminderEnabled", "replyToEmail", "requestTrigger", "sendWindowEndHour", "sendWindowStartHour", "senderName", "shop", "tokenTtlDays", "updatedAt" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
CREATE UNIQUE INDEX "Settings_shop_key" ON "Settings"("shop");
CREATE TABLE "new_Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "customerId" TEXT,
    "orderId" TEXT,
    "requestId" TEXT,
    "rating" INTEGER NOT NULL,
    "title" TEXT,
    "body" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "fit" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "verifiedBuyer" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "source" TEXT NOT NULL DEFAULT 'request',
    "anonymized" BOOLEAN NOT NULL DEFAULT false,
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "heldReasons" TEXT NOT NULL DEFAULT '[]',
    "networkKey" TEXT,
    "importSource" TEXT,
    "importKey" TEXT,
    "language" TEXT,
    "sentiment" TEXT,
    "sentimentScore" REAL,
    "insightsVersion" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME
);
INSERT INTO "new_Review" ("anonymized", "body", "createdAt", "customerId", "displayName", "email", "fit", "helpfulCount", "id", "insightsVersion", "language", "locale", "orderId", "productShopifyId", "publishedAt", "rating", "requestId", "sentiment", "sentimentScore", "shop", "source", "status", "title", "updatedAt", "verifiedBuyer") SELECT "anonymized", "body", "createdAt", "customerId", "displayName", "email", "fit", "helpfulCount", "id", "insightsVersion", "language", "locale", "orderId", "productShopifyId", "publishedAt", "rating", "requestId", "sentiment", "sentimentScore", "shop", "source", "status", "title", "updatedAt", "verifiedBuyer" FROM "Review";
DROP TABLE "Review";
ALTER TABLE "new_Review" RENAME TO "Review";
CREATE INDEX "Review_shop_email_createdAt_idx" ON "Review"("shop", "email", "createdAt");
CREATE INDEX "Review_shop_networkKey_createdAt_idx" ON "Review"("shop", "networkKey", "createdAt");
CREATE INDEX "Review_shop_productShopifyId_status_createdAt_idx" ON "Review"("shop", "productShopifyId", "status", "createdAt");
CREATE INDEX "Review_shop_createdAt_idx" ON "Review"("shop", "createdAt");
CREATE INDEX "Review_shop_status_createdAt_id_idx" ON "Review"("shop", "status", "createdAt", "id");
CREATE INDEX "Review_shop_rating_createdAt_id_idx" ON "Review"("shop", "rating", "createdAt", "id");
CREATE INDEX "Review_shop_customerId_idx" ON "Review"("shop", "customerId");
CREATE INDEX "Review_shop_insightsVersion_idx" ON "Review"("shop", "insightsVersion");
CREATE UNIQUE INDEX "Review_shop_requestId_productShopifyId_key" ON "Review"("shop", "requestId", "productShopifyId");
CREATE UNIQUE INDEX "Review_shop_importKey_key" ON "Review"("shop", "importKey");
CREATE TABLE "new_ReviewVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "voterKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'helpful',
    "value" INTEGER NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ReviewVote" ("createdAt", "id", "reviewId", "shop", "value", "voterKey") SELECT "createdAt", "id", "reviewId", "shop", "value", "voterKey" FROM "ReviewVote";
DROP TABLE "ReviewVote";
ALTER TABLE "new_ReviewVote" RENAME TO "ReviewVote";
CREATE INDEX "ReviewVote_shop_voterKey_createdAt_idx" ON "ReviewVote"("shop", "voterKey", "createdAt");
CREATE UNIQUE INDEX "ReviewVote_reviewId_voterKey_kind_key" ON "ReviewVote"("reviewId", "voterKey", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReviewModerationEvent_shop_reviewId_createdAt_idx" ON "ReviewModerationEvent"("shop", "reviewId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewReplyEmail_shop_reviewId_idx" ON "ReviewReplyEmail"("shop", "reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpTask_reviewId_key" ON "FollowUpTask"("reviewId");

-- CreateIndex
CREATE INDEX "FollowUpTask_shop_status_createdAt_idx" ON "FollowUpTask"("shop", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ProductRatingSync_shop_dirtyAt_idx" ON "ProductRatingSync"("shop", "dirtyAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProductRatingSync_shop_productShopifyId_key" ON "ProductRatingSync"("shop", "productShopifyId");

-- CreateIndex
CREATE INDEX "ReviewImport_shop_createdAt_idx" ON "ReviewImport"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewImportChunk_shop_idx" ON "ReviewImportChunk"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewImportChunk_importId_seq_key" ON "ReviewImportChunk"("importId", "seq");

-- CreateIndex
CREATE INDEX "ReviewPhotoFetch_shop_status_nextAttemptAt_idx" ON "ReviewPhotoFetch"("shop", "status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ReviewPhotoFetch_importId_idx" ON "ReviewPhotoFetch"("importId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewPhotoFetch_reviewId_url_key" ON "ReviewPhotoFetch"("reviewId", "url");

-- CreateIndex
CREATE UNIQUE INDEX "StandInMetafield_shop_ownerId_namespace_key_key" ON "StandInMetafield"("shop", "ownerId", "namespace", "key");

-- CreateIndex
CREATE INDEX "OrderLine_shop_sku_idx" ON "OrderLine"("shop", "sku");

