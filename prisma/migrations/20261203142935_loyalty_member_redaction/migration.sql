-- AlterTable
ALTER TABLE "LoyaltyAccount" ADD COLUMN "redactedAt" DATETIME;

