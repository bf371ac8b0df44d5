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

    CONSTRAINT "ReviewTally_pkey" PRIMARY KEY ("shop","productShopifyId","status","rating","verifiedBuyer")
);

-- CreateIndex
CREATE INDEX "ReviewRequest_shop_sentAt_idx" ON "ReviewRequest"("shop", "sentAt");

-- CreateIndex
CREATE INDEX "ReviewRequestItem_shop_reviewedAt_idx" ON "ReviewRequestItem"("shop", "reviewedAt");

-- CreateIndex
CREATE INDEX "Review_shop_createdAt_id_idx" ON "Review"("shop", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Review_shop_productShopifyId_createdAt_id_idx" ON "Review"("shop", "productShopifyId", "createdAt", "id");


-- The tallies are kept by the database itself, in the statement that changes reviews, whichever code (the app,
-- a bulk load, a repair script) writes them. One trigger run per statement: the statement's changes are summed
-- per tally row (the product's and the shop's, "") and applied in one upsert in key order. A decrement only
-- ever updates a row that exists: a review deleted after its shop's tallies were (shop/redact deletes model by
-- model) leaves nothing behind.
--
-- Before it changes a shop's rows it takes the shop's tally lock, a transaction-scoped advisory lock (the
-- app's lockReviewTallies takes the same key, 727312 and hashtext(shop), at the start of its transactions that
-- write reviews in several statements). Key order within one statement is not enough: a transaction of several
-- statements (a submission writes one review per product) locks rows statement by statement, and one
-- concurrent with a bulk moderation would deadlock with it. A statement that changes no tally takes no lock.
CREATE FUNCTION "review_tally_add"("changes" JSONB) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF "changes" IS NULL OR jsonb_array_length("changes") = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(727312, hashtext(shops.shop))
  FROM (SELECT DISTINCT c->>'shop' AS shop FROM jsonb_array_elements("changes") AS c ORDER BY 1) AS shops;

  WITH changed AS (
    SELECT * FROM jsonb_to_recordset("changes")
      AS c("shop" TEXT, "productShopifyId" TEXT, "status" TEXT, "rating" INTEGER, "verifiedBuyer" BOOLEAN, n INTEGER)
  ),
  summed AS (
    SELECT c."shop", scope.product, c."status", c."rating", c."verifiedBuyer", SUM(c.n)::INTEGER AS n
    FROM changed c CROSS JOIN LATERAL (VALUES (c."productShopifyId"), ('')) AS scope(product)
    GROUP BY 1, 2, 3, 4, 5
    HAVING SUM(c.n) <> 0
  )
  INSERT INTO "ReviewTally" AS t ("shop", "productShopifyId", "status", "rating", "verifiedBuyer", "count")
  SELECT s."shop", s.product, s."status", s."rating", s."verifiedBuyer", s.n
  FROM summed s
  WHERE s.n > 0 OR EXISTS (
    SELECT 1 FROM "ReviewTally" e
    WHERE e."shop" = s."shop" AND e."productShopifyId" = s.product AND e."status" = s."status"
      AND e."rating" = s."rating" AND e."verifiedBuyer" = s."verifiedBuyer"
  )
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("shop", "productShopifyId", "status", "rating", "verifiedBuyer")
  DO UPDATE SET "count" = t."count" + excluded."count";
END $$;

CREATE FUNCTION "review_tally_apply"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  -- Each branch names only the transition tables its event has, and hands on its changes summed per row.
  IF TG_OP = 'INSERT' THEN
    PERFORM "review_tally_add"((
      SELECT jsonb_agg(jsonb_build_object('shop', g."shop", 'productShopifyId', g."productShopifyId",
        'status', g."status", 'rating', g."rating", 'verifiedBuyer', g."verifiedBuyer", 'n', g.n))
      FROM (SELECT "shop", "productShopifyId", "status", "rating", "verifiedBuyer", COUNT(*) AS n
            FROM new_rows GROUP BY 1, 2, 3, 4, 5) g));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "review_tally_add"((
      SELECT jsonb_agg(jsonb_build_object('shop', g."shop", 'productShopifyId', g."productShopifyId",
        'status', g."status", 'rating', g."rating", 'verifiedBuyer', g."verifiedBuyer", 'n', -g.n))
      FROM (SELECT "shop", "productShopifyId", "status", "rating", "verifiedBuyer", COUNT(*) AS n
            FROM old_rows GROUP BY 1, 2, 3, 4, 5) g));
  ELSE
    PERFORM "review_tally_add"((
      SELECT jsonb_agg(jsonb_build_object('shop', g."shop", 'productShopifyId', g."productShopifyId",
        'status', g."status", 'rating', g."rating", 'verifiedBuyer', g."verifiedBuyer", 'n', g.n))
      FROM (
        SELECT x."shop", x."productShopifyId", x."status", x."rating", x."verifiedBuyer", SUM(x.n) AS n
        FROM old_rows o JOIN new_rows nw ON nw."id" = o."id"
        CROSS JOIN LATERAL (VALUES
          (o."shop", o."productShopifyId", o."status", o."rating", o."verifiedBuyer", -1),
          (nw."shop", nw."productShopifyId", nw."status", nw."rating", nw."verifiedBuyer", 1)
        ) AS x("shop", "productShopifyId", "status", "rating", "verifiedBuyer", n)
        WHERE (o."shop", o."productShopifyId", o."status", o."rating", o."verifiedBuyer")
          IS DISTINCT FROM (nw."shop", nw."productShopifyId", nw."status", nw."rating", nw."verifiedBuyer")
        GROUP BY 1, 2, 3, 4, 5
      ) g));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Review_tally_insert" AFTER INSERT ON "Review"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "review_tally_apply"();
CREATE TRIGGER "Review_tally_update" AFTER UPDATE ON "Review"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "review_tally_apply"();
CREATE TRIGGER "Review_tally_delete" AFTER DELETE ON "Review"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "review_tally_apply"();

-- The reviews already stored.
INSERT INTO "ReviewTally" ("shop", "productShopifyId", "status", "rating", "verifiedBuyer", "count")
SELECT r."shop", scope.product, r."status", r."rating", r."verifiedBuyer", COUNT(*)
FROM "Review" r CROSS JOIN LATERAL (VALUES (r."productShopifyId"), ('')) AS scope(product)
GROUP BY 1, 2, 3, 4, 5;
