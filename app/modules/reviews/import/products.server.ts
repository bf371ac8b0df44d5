// Which of the shop's products an imported review is about, by the product id, handle or SKU its row names.
// Looked up once per batch of rows (three queries at most, for what the batch names that is not known yet), and
// remembered for the rest of the import: a shop with a large catalogue is never loaded whole.
import db from "../../../db.server";
import type { ImportedReview } from "./formats";

type ProductRef = ImportedReview["product"];
// Keeps an IN list well under SQLite's and PostgreSQL's parameter limits.
const LOOKUP_PAGE = 500;

export class ImportProductResolver {
  private readonly byId = new Map<string, string | null>();
  private readonly byHandle = new Map<string, string | null>();
  private readonly bySku = new Map<string, string | null>();

  constructor(private readonly shop: string) {}

  /** Looks up whatever these references name that is not known yet. */
  async load(refs: Iterable<ProductRef>): Promise<void> {
    const ids = new Set<string>();
    const handles = new Set<string>();
    const skus = new Set<string>();
    for (const ref of refs) {
      if (ref.id && !this.byId.has(ref.id)) ids.add(ref.id);
      if (ref.handle && !this.byHandle.has(ref.handle)) handles.add(ref.handle);
      if (ref.sku && !this.bySku.has(ref.sku)) skus.add(ref.sku);
    }
    const shop = this.shop;
    await Promise.all([
      lookUp(ids, this.byId, async (page) =>
        (await db.product.findMany({ where: { shop, shopifyId: { in: page } }, select: { shopifyId: true } })).map(
          (p) => [p.shopifyId, p.shopifyId],
        ),
      ),
      // Shopify's handles are lower case; the row's handle was lower-cased when it was read.
      lookUp(handles, this.byHandle, async (page) =>
        (
          await db.product.findMany({
            where: { shop, handle: { in: page } },
            select: { handle: true, shopifyId: true },
          })
        ).map((p) => [p.handle.toLowerCase(), p.shopifyId]),
      ),
      // SKUs live on the variants; the order lines that sold them say which product they belong to.
      lookUp(skus, this.bySku, async (page) =>
        (
          await db.orderLine.findMany({
            where: { shop, sku: { in: page }, productShopifyId: { not: null } },
            select: { sku: true, productShopifyId: true },
            distinct: ["sku"],
          })
        ).map((line) => [line.sku!, line.productShopifyId!]),
      ),
    ]);
  }

  /** The product a loaded reference names, or null when the shop has none by its id, handle or SKU. */
  productFor(ref: ProductRef): string | null {
    return (
      (ref.id && this.byId.get(ref.id)) ||
      (ref.handle && this.byHandle.get(ref.handle)) ||
      (ref.sku && this.bySku.get(ref.sku)) ||
      null
    );
  }
}

async function lookUp(
  wanted: Set<string>,
  known: Map<string, string | null>,
  query: (page: string[]) => Promise<[string, string][]>,
): Promise<void> {
  const all = [...wanted];
  for (let at = 0; at < all.length; at += LOOKUP_PAGE) {
    const page = all.slice(at, at + LOOKUP_PAGE);
    for (const key of page) known.set(key, null);
    for (const [key, productId] of await query(page)) known.set(key, productId);
  }
}

export function missingProductReason({ id, handle, sku }: ProductRef): string {
  return `No product of the shop has ${handle ? `the handle "${handle}"` : id ? `the id ${id}` : `the SKU "${sku}"`}.`;
}
