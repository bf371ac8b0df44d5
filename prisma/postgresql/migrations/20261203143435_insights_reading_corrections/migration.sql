-- AlterTable
ALTER TABLE "TopicMention" ADD COLUMN     "corrected" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReadingCorrection" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "engineSentiment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReadingCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReadingCorrection_shop_updatedAt_id_idx" ON "ReadingCorrection"("shop", "updatedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReadingCorrection_reviewId_topic_key" ON "ReadingCorrection"("reviewId", "topic");

-- AddForeignKey
ALTER TABLE "ReadingCorrection" ADD CONSTRAINT "ReadingCorrection_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

