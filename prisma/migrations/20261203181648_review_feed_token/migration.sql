-- AlterTable
ALTER TABLE "Settings" ADD COLUMN "reviewFeedToken" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Settings_reviewFeedToken_key" ON "Settings"("reviewFeedToken");

