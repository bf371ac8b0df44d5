-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "holdReviewsWithMedia" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ReviewMedia" ADD COLUMN     "durationMs" INTEGER,
ADD COLUMN     "failure" TEXT,
ADD COLUMN     "hidden" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "incomingKey" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'photo',
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "posterKey" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'ready',
ADD COLUMN     "thumbnailKey" TEXT,
ADD COLUMN     "token" TEXT NOT NULL,
ALTER COLUMN "storageKey" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ReviewMedia_token_key" ON "ReviewMedia"("token");

-- CreateIndex
CREATE INDEX "ReviewMedia_shop_kind_reviewId_idx" ON "ReviewMedia"("shop", "kind", "reviewId");

