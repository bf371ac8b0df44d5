-- DropIndex
DROP INDEX "Review_shop_createdAt_idx";

-- CreateTable
CREATE TABLE "ReviewTally" (
    "shop" TEXT NOT NULL,
    "productShopifyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "verifiedBuyer" BOOLEAN NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "productShopifyId", "status", "rating", "verifiedBuyer")
);

-- CreateIndex
CREATE INDEX "ReviewRequest_shop_sentAt_idx" ON "ReviewRequest"("shop", "sentAt");

-- CreateIndex
CREATE INDEX "ReviewRequestItem_shop_reviewedAt_idx" ON "ReviewRequestItem"("shop", "reviewedAt");

-- CreateIndex
CREATE INDEX "Review_shop_createdAt_id_idx" ON "Review"("shop", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Review_shop_productShopifyId_createdAt_id_idx" ON "Review"("shop", "productShopifyId", "createdAt", "id");


-- The tallies are kept by the database itself, in the statement that changes a review, whichever code (the app,
-- a bulk load, a repair script) writes it. A decrement only ever updates a row that exists: a review deleted
-- after its shop's tallies were (shop/redact deletes model by model) leaves nothing behind.
CREATE TRIGGER "Review_tally_insert" AFTER INSERT ON "Review"
BEGIN
  INSERT INTO "ReviewTally" ("shop", "productShopifyId", "status", "rating", "verifiedBuyer", "count")
  VALUES (NEW."shop", NEW."productShopifyId", NEW."status", NEW."rating", NEW."verifiedBuyer", 1),
         (NEW."shop", '', NEW."status", NEW."rating", NEW."verifiedBuyer", 1)
  ON CONFLICT ("shop", "productShopifyId", "status", "rating", "verifiedBuyer") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Review_tally_update" AFTER UPDATE OF "shop", "productShopifyId", "status", "rating", "verifiedBuyer" ON "Review"
WHEN OLD."shop" IS NOT NEW."shop" OR OLD."productShopifyId" IS NOT NEW."productShopifyId" OR OLD."status" IS NOT NEW."status"
  OR OLD."rating" IS NOT NEW."rating" OR OLD."verifiedBuyer" IS NOT NEW."verifiedBuyer"
BEGIN
  UPDATE "ReviewTally" SET "count" = "count" - 1
  WHERE "shop" = OLD."shop" AND "productShopifyId" IN (OLD."productShopifyId", '') AND "status" = OLD."status"
    AND "rating" = OLD."rating" AND "verifiedBuyer" = OLD."verifiedBuyer";
  INSERT INTO "ReviewTally" ("shop", "productShopifyId", "status", "rating", "verifiedBuyer", "count")
  VALUES (NEW."shop", NEW."productShopifyId", NEW."status", NEW."rating", NEW."verifiedBuyer", 1),
         (NEW."shop", '', NEW."status", NEW."rating", NEW."verifiedBuyer", 1)
  ON CONFLICT ("shop", "productShopifyId", "status", "rating", "verifiedBuyer") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Review_tally_delete" AFTER DELETE ON "Review"
BEGIN
  UPDATE "ReviewTally" SET "count" = "count" - 1
  WHERE "shop" = OLD."shop" AND "productShopifyId" IN (OLD."productShopifyId", '') AND "status" = OLD."status"
    AND "rating" = OLD."rating" AND "verifiedBuyer" = OLD."verifiedBuyer";
END;

-- The reviews already stored.
INSERT INTO "ReviewTally" ("shop", "productShopifyId", "status", "rating", "verifiedBuyer", "count")
SELECT "shop", "productShopifyId", "status", "rating", "verifiedBuyer", COUNT(*) FROM "Review"
GROUP BY "shop", "productShopifyId", "status", "rating", "verifiedBuyer";
INSERT INTO "ReviewTally" ("shop", "productShopifyId", "status", "rating", "verifiedBuyer", "count")
SELECT "shop", '', "status", "rating", "verifiedBuyer", COUNT(*) FROM "Review"
GROUP BY "shop", "status", "rating", "verifiedBuyer";
