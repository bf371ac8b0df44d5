-- CreateTable
CREATE TABLE "StoreAnswer" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "requestId" TEXT,
    "customerId" TEXT,
    "nps" INTEGER,
    "ces" INTEGER,
    "comment" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StoreAnswer_orderId_key" ON "StoreAnswer"("orderId");

-- CreateIndex
CREATE INDEX "StoreAnswer_shop_answeredAt_id_idx" ON "StoreAnswer"("shop", "answeredAt", "id");

-- CreateIndex
CREATE INDEX "StoreAnswer_shop_nps_answeredAt_idx" ON "StoreAnswer"("shop", "nps", "answeredAt");

-- CreateIndex
CREATE INDEX "StoreAnswer_shop_customerId_idx" ON "StoreAnswer"("shop", "customerId");

-- AddForeignKey
ALTER TABLE "StoreAnswer" ADD CONSTRAINT "StoreAnswer_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

