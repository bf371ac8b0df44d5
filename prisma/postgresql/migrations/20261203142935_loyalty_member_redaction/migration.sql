-- AlterTable
ALTER TABLE "LoyaltyAccount" ADD COLUMN     "redactedAt" TIMESTAMP(3);

