-- CreateTable
CREATE TABLE "ReadingCorrection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "engineSentiment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReadingCorrection_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TopicMention" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "evidence" TEXT NOT NULL,
    "evidenceStart" INTEGER NOT NULL DEFAULT 0,
    "evidenceEnd" INTEGER NOT NULL DEFAULT 0,
    "language" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "reviewCreatedAt" DATETIME NOT NULL,
    "counted" BOOLEAN NOT NULL DEFAULT true,
    "weekStart" DATETIME,
    "monthStart" DATETIME,
    "corrected" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "TopicMention_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TopicMention" ("counted", "evidence", "evidenceEnd", "evidenceStart", "id", "language", "monthStart", "productShopifyId", "rating", "reviewCreatedAt", "reviewId", "score", "sentiment", "shop", "topic", "weekStart") SELECT "counted", "evidence", "evidenceEnd", "evidenceStart", "id", "language", "monthStart", "productShopifyId", "rating", "reviewCreatedAt", "reviewId", "score", "sentiment", "shop", "topic", "weekStart" FROM "TopicMention";
DROP TABLE "TopicMention";
ALTER TABLE "new_TopicMention" RENAME TO "TopicMention";
CREATE INDEX "TopicMention_shop_topic_reviewCreatedAt_id_idx" ON "TopicMention"("shop", "topic", "reviewCreatedAt", "id");
CREATE INDEX "TopicMention_shop_productShopifyId_topic_reviewCreatedAt_id_idx" ON "TopicMention"("shop", "productShopifyId", "topic", "reviewCreatedAt", "id");
CREATE INDEX "TopicMention_shop_topic_sentiment_reviewCreatedAt_id_idx" ON "TopicMention"("shop", "topic", "sentiment", "reviewCreatedAt", "id");
CREATE INDEX "TopicMention_reviewId_idx" ON "TopicMention"("reviewId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReadingCorrection_shop_updatedAt_id_idx" ON "ReadingCorrection"("shop", "updatedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReadingCorrection_reviewId_topic_key" ON "ReadingCorrection"("reviewId", "topic");

