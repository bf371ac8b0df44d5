-- AlterTable
ALTER TABLE "Settings" ADD COLUMN "reviewFeedToken" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Settings_reviewFeedToken_key" ON "Settings"("reviewFeedToken");

-- CreateIndex
CREATE INDEX "Review_shop_productShopifyId_status_rating_createdAt_idx" ON "Review"("shop", "productShopifyId", "status", "rating", "createdAt");

-- CreateIndex
CREATE INDEX "Review_shop_productShopifyId_status_helpfulCount_createdAt_idx" ON "Review"("shop", "productShopifyId", "status", "helpfulCount", "createdAt");

