-- CreateTable
CREATE TABLE "LoyaltyRepeatFigures" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "members" REAL,
    "nonMembers" REAL,
    "countedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "LoyaltyRepeatFigures_shop_key" ON "LoyaltyRepeatFigures"("shop");

