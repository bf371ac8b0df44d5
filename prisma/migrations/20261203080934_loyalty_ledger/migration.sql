-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN "attemptAt" DATETIME;
ALTER TABLE "Redemption" ADD COLUMN "endsAt" DATETIME;
ALTER TABLE "Redemption" ADD COLUMN "failureReason" TEXT;
ALTER TABLE "Redemption" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "Redemption" ADD COLUMN "issuedAt" DATETIME;
ALTER TABLE "Redemption" ADD COLUMN "rewardId" TEXT;

-- CreateTable
CREATE TABLE "LoyaltyReward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "pointsCost" INTEGER NOT NULL,
    "amountCents" INTEGER,
    "percentage" INTEGER,
    "minimumSubtotalCents" INTEGER,
    "codeExpiryDays" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LoyaltySettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LoyaltyAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tier" TEXT NOT NULL DEFAULT 'member',
    "tierSince" DATETIME,
    "availablePoints" INTEGER NOT NULL DEFAULT 0,
    "pendingPoints" INTEGER NOT NULL DEFAULT 0,
    "lifetimeEarned" INTEGER NOT NULL DEFAULT 0,
    "lifetimeRedeemed" INTEGER NOT NULL DEFAULT 0,
    "birthday" TEXT,
    "birthdaySetAt" DATETIME,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_LoyaltyAccount" ("createdAt", "customerId", "id", "shop", "tier", "updatedAt") SELECT "createdAt", "customerId", "id", "shop", "tier", "updatedAt" FROM "LoyaltyAccount";
DROP TABLE "LoyaltyAccount";
ALTER TABLE "new_LoyaltyAccount" RENAME TO "LoyaltyAccount";
CREATE INDEX "LoyaltyAccount_shop_lastActivityAt_idx" ON "LoyaltyAccount"("shop", "lastActivityAt");
CREATE INDEX "LoyaltyAccount_shop_availablePoints_idx" ON "LoyaltyAccount"("shop", "availablePoints");
CREATE INDEX "LoyaltyAccount_shop_tier_idx" ON "LoyaltyAccount"("shop", "tier");
CREATE UNIQUE INDEX "LoyaltyAccount_shop_customerId_key" ON "LoyaltyAccount"("shop", "customerId");
CREATE TABLE "new_LoyaltyEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "bucket" TEXT NOT NULL DEFAULT 'available',
    "kind" TEXT NOT NULL DEFAULT 'earn',
    "reason" TEXT NOT NULL,
    "ref" TEXT,
    "sourceKey" TEXT NOT NULL,
    "amountCents" INTEGER,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_LoyaltyEntry" ("accountId", "createdAt", "id", "points", "reason", "shop", "sourceKey") SELECT "accountId", "createdAt", "id", "points", "reason", "shop", "sourceKey" FROM "LoyaltyEntry";
DROP TABLE "LoyaltyEntry";
ALTER TABLE "new_LoyaltyEntry" RENAME TO "LoyaltyEntry";
CREATE INDEX "LoyaltyEntry_shop_accountId_createdAt_idx" ON "LoyaltyEntry"("shop", "accountId", "createdAt");
CREATE INDEX "LoyaltyEntry_shop_accountId_ref_idx" ON "LoyaltyEntry"("shop", "accountId", "ref");
CREATE INDEX "LoyaltyEntry_shop_createdAt_idx" ON "LoyaltyEntry"("shop", "createdAt");
CREATE UNIQUE INDEX "LoyaltyEntry_shop_sourceKey_key" ON "LoyaltyEntry"("shop", "sourceKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "LoyaltyReward_shop_active_idx" ON "LoyaltyReward"("shop", "active");

-- CreateIndex
CREATE UNIQUE INDEX "LoyaltySettings_shop_key" ON "LoyaltySettings"("shop");

-- CreateIndex
CREATE INDEX "Redemption_shop_status_createdAt_idx" ON "Redemption"("shop", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shop_idempotencyKey_key" ON "Redemption"("shop", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shop_discountCode_key" ON "Redemption"("shop", "discountCode");

