-- CreateTable
CREATE TABLE "LoyaltyRepeatFigures" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "members" DOUBLE PRECISION,
    "nonMembers" DOUBLE PRECISION,
    "countedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoyaltyRepeatFigures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LoyaltyRepeatFigures_shop_key" ON "LoyaltyRepeatFigures"("shop");

