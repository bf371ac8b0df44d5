-- AlterTable
ALTER TABLE "LoyaltyAccount" ADD COLUMN     "availablePoints" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "birthday" TEXT,
ADD COLUMN     "birthdaySetAt" TIMESTAMP(3),
ADD COLUMN     "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "lifetimeEarned" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lifetimeRedeemed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pendingPoints" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tierSince" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LoyaltyEntry" DROP COLUMN "status",
ADD COLUMN     "amountCents" INTEGER,
ADD COLUMN     "bucket" TEXT NOT NULL DEFAULT 'available',
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'earn',
ADD COLUMN     "note" TEXT,
ADD COLUMN     "ref" TEXT;

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "attemptAt" TIMESTAMP(3),
ADD COLUMN     "endsAt" TIMESTAMP(3),
ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "issuedAt" TIMESTAMP(3),
ADD COLUMN     "rewardId" TEXT;

-- CreateTable
CREATE TABLE "LoyaltyReward" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "pointsCost" INTEGER NOT NULL,
    "amountCents" INTEGER,
    "percentage" INTEGER,
    "minimumSubtotalCents" INTEGER,
    "codeExpiryDays" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoyaltyReward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoyaltySettings" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "pointsPerCurrencyUnit" INTEGER NOT NULL DEFAULT 1,
    "includeShipping" BOOLEAN NOT NULL DEFAULT false,
    "includeTax" BOOLEAN NOT NULL DEFAULT false,
    "returnWindowDays" INTEGER NOT NULL DEFAULT 14,
    "reviewPoints" INTEGER NOT NULL DEFAULT 50,
    "photoBonusPoints" INTEGER NOT NULL DEFAULT 25,
    "signupPoints" INTEGER NOT NULL DEFAULT 100,
    "birthdayPoints" INTEGER NOT NULL DEFAULT 100,
    "dailyCapPoints" INTEGER NOT NULL DEFAULT 500,
    "expiryDays" INTEGER DEFAULT 365,
    "tierBasis" TEXT NOT NULL DEFAULT 'points',
    "tierWindow" TEXT NOT NULL DEFAULT 'rolling12',
    "tiers" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoyaltySettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoyaltyReward_shop_active_idx" ON "LoyaltyReward"("shop", "active");

-- CreateIndex
CREATE UNIQUE INDEX "LoyaltySettings_shop_key" ON "LoyaltySettings"("shop");

-- CreateIndex
CREATE INDEX "LoyaltyAccount_shop_lastActivityAt_idx" ON "LoyaltyAccount"("shop", "lastActivityAt");

-- CreateIndex
CREATE INDEX "LoyaltyAccount_shop_availablePoints_idx" ON "LoyaltyAccount"("shop", "availablePoints");

-- CreateIndex
CREATE INDEX "LoyaltyAccount_shop_tier_idx" ON "LoyaltyAccount"("shop", "tier");

-- CreateIndex
CREATE INDEX "LoyaltyEntry_shop_accountId_ref_idx" ON "LoyaltyEntry"("shop", "accountId", "ref");

-- CreateIndex
CREATE INDEX "LoyaltyEntry_shop_createdAt_idx" ON "LoyaltyEntry"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_shop_status_createdAt_idx" ON "Redemption"("shop", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shop_idempotencyKey_key" ON "Redemption"("shop", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shop_discountCode_key" ON "Redemption"("shop", "discountCode");

