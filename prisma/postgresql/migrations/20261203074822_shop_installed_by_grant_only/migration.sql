-- AlterTable
ALTER TABLE "Shop" ALTER COLUMN "installedAt" DROP NOT NULL,
ALTER COLUMN "installedAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "bodyExcerpt" TEXT;

