// The Google Shopping product ratings feed: valid against Google's published product review feed XSD (2.2,
// tests/fixtures/google), published reviews only, names as the store shows them and never an email address,
// the catalogue's identifiers, an unguessable URL the merchant can replace, and streamed at 100,000 reviews.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import db, { rawSql } from "~/db.server";
import { regenerateReviewFeedToken, reviewFeedChunks, reviewFeedToken } from "~/modules/reviews";
import { loader as feedLoader } from "~/routes/feeds.google-reviews.$token";
import { product, review, storefrontShop } from "../storefront/support";

const XSD = readFileSync(path.resolve("tests/fixtures/google/product_reviews-2.2.xsd"), "utf8");

async function feedOf(token: string): Promise<{ status: number; text: string; chunks: number }> {
  const response = await feedLoader({
    request: new Request("https://app.example/feed"),
    params: { token },
    context: {},
  });
  if (!response.body) return { status: response.status, text: await response.text(), chunks: 0 };
  let chunks = 0;
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    chunks += 1;
    text += decoder.decode(chunk, { stream: true });
  }
  return { status: response.status, text, chunks };
}

async function validate(xml: string) {
  return validateXML({
    xml: [{ fileName: "feed.xml", contents: xml }],
    schema: [{ fileName: "product_reviews.xsd", contents: XSD }],
  });
}

describe("the product ratings feed", () => {
  it("is valid against Google's XSD, with published reviews, shown names, photos and product identifiers", async () => {
    const shop = await storefrontShop("Lind & Co");
    const shirt = await product(shop);
    await db.order.create({
      data: {
        shop,
        shopifyId: "5200000001",
        name: "#1",
        placedAt: new Date(),
        lines: {
          create: [
            { shop, shopifyLineId: "l1", productShopifyId: shirt.shopifyId, title: "Shirt", sku: "LS-M", quantity: 1 },
            { shop, shopifyLineId: "l2", productShopifyId: shirt.shopifyId, title: "Shirt", sku: "LS-L", quantity: 1 },
          ],
        },
      },
    });
    const withPhoto = await review(shop, shirt.shopifyId, {
      displayName: "Anna L.",
      email: "anna@example.se",
      body: 'Great fit & colour <b>"really"</b>',
    });
    await db.reviewMedia.create({
      data: {
        shop,
        reviewId: withPhoto.id,
        token: "a".repeat(32),
        storageKey: "k",
        thumbnailKey: "t",
        mimeType: "image/webp",
        width: 800,
        height: 600,
        bytes: 1000,
      },
    });
    await review(shop, shirt.shopifyId, { title: null, rating: 2, displayName: "Per K." });
    await review(shop, shirt.shopifyId, { status: "pending", body: "Held words" });
    await review(shop, shirt.shopifyId, { status: "rejected", body: "Rejected words" });
    const other = await storefrontShop();
    await review(other, shirt.shopifyId, { body: "Other shop words" });

    const { status, text } = await feedOf(await reviewFeedToken(shop));
    expect(status).toBe(200);
    const result = await validate(text);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(text.match(/<review>/g)).toHaveLength(2);
    expect(text).toContain("<name>Anna L.</name>");
    expect(text).toContain("Great fit &amp; colour &lt;b&gt;&quot;really&quot;&lt;/b&gt;");
    expect(text).toContain("<skus><sku>LS-L</sku><sku>LS-M</sku></skus>");
    expect(text).toContain("<brands><brand>Lind</brand></brands>");
    expect(text).toContain(`/media/${"a".repeat(32)}/display.webp`);
    expect(text).toContain("<publisher><name>Lind &amp; Co</name></publisher>");
    for (const secret of ["@example.se", "Held words", "Rejected words", "Other shop words"])
      expect(text).not.toContain(secret);
  });

  it("is empty but valid for a shop without reviews", async () => {
    const shop = await storefrontShop();
    const { text } = await feedOf(await reviewFeedToken(shop));
    expect((await validate(text)).valid).toBe(true);
    expect(text).not.toContain("<review>");
  });

  it("lives at an unguessable URL that the merchant can replace, and only while the shop is installed", async () => {
    const shop = await storefrontShop();
    const first = await reviewFeedToken(shop);
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await reviewFeedToken(shop)).toBe(first);
    const second = await regenerateReviewFeedToken(shop);
    expect(second).not.toBe(first);
    expect((await feedOf(first)).status).toBe(404);
    expect((await feedOf(second)).status).toBe(200);
    expect((await feedOf("not-a-token")).status).toBe(404);
    await db.shop.update({ where: { shop }, data: { uninstalledAt: new Date() } });
    expect((await feedOf(second)).status).toBe(404);
  });

  it("streams 100,000 reviews in pages, one page of rows at a time", async () => {
    const shop = await storefrontShop();
    const shirt = await product(shop);
    const { sql, join } = rawSql();
    const start = Date.UTC(2025, 0, 1);
    for (let batch = 0; batch < 100; batch += 1) {
      const rows = Array.from({ length: 1000 }, (_, i) => {
        const n = batch * 1000 + i;
        const at = new Date(start + n * 1000);
        return sql`(${randomUUID()}, ${shop}, ${shirt.shopifyId}, ${1 + (n % 5)}, ${`Review ${n}: warm and soft.`}, ${`Shopper ${n}`}, ${"published"}, ${"storefront"}, ${at}, ${at}, ${at})`;
      });
      await db.$executeRaw`INSERT INTO "Review" ("id", "shop", "productShopifyId", "rating", "body", "displayName", "status", "source", "createdAt", "updatedAt", "publishedAt") VALUES ${join(rows)}`;
    }
    const pages: number[] = [];
    let reviews = 0;
    let largestChunk = 0;
    for await (const chunk of reviewFeedChunks(shop, {
      storeUrl: `https://${shop}`,
      mediaBase: "https://app.example",
      publisher: "Lind",
      onPage: (rows) => pages.push(rows),
    })) {
      reviews += chunk.split("<review>").length - 1;
      largestChunk = Math.max(largestChunk, chunk.length);
    }
    expect(reviews).toBe(100_000);
    // 200 full pages, then the empty read that says there is no more.
    expect(pages.filter((rows) => rows > 0)).toHaveLength(200);
    expect(Math.max(...pages)).toBe(500);
    // No chunk holds more than one page of reviews.
    expect(largestChunk).toBeLessThan(500 * 1200);
  }, 180_000);
});
