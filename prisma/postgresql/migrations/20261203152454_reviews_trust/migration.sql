-- DropIndex
DROP INDEX "ReviewVote_reviewId_voterKey_key";

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "reportThreshold" INTEGER NOT NULL DEFAULT 3,
ALTER COLUMN "autoPublishMinRating" SET DEFAULT 1;

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "heldReasons" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "importKey" TEXT,
ADD COLUMN     "importSource" TEXT,
ADD COLUMN     "networkKey" TEXT,
ADD COLUMN     "reportCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ReviewVote" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'helpful',
ADD COLUMN     "reason" TEXT;

-- CreateTable
CREATE TABLE "ReviewModerationEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT,
    "previous" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewModerationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewReplyEmail" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ReviewReplyEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpTask" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT,
    "closedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "FollowUpTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductRatingSync" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "dirtyAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductRatingSync_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewImport" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReviewImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewImportChunk" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "ReviewImportChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewPhotoFetch" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "importId" TEXT,
    "line" INTEGER,
    "url" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewPhotoFetch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandInMetafield" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StandInMetafield_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Review_shop_email_createdAt_idx" ON "Review"("shop", "email", "createdAt");

-- CreateIndex
CREATE INDEX "Review_shop_networkKey_createdAt_idx" ON "Review"("shop", "networkKey", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_shop_importKey_key" ON "Review"("shop", "importKey");

-- CreateIndex
CREATE INDEX "ReviewVote_shop_voterKey_createdAt_idx" ON "ReviewVote"("shop", "voterKey", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewVote_reviewId_voterKey_kind_key" ON "ReviewVote"("reviewId", "voterKey", "kind");

