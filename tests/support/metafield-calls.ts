// The product rating metafields the app wrote through the Admin API stand-in, in the order they were written.
// A loyalty balance mirror is a metafieldsSet too (on a customer), written by a job of its own in whichever order
// the worker runs the two; it is left out here so a test of ratings never depends on that order.
import db from "~/db.server";

export interface WrittenMetafield {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

/** Every metafieldsSet call of a shop that wrote a product's metafields, as its list of metafields. */
export async function productMetafieldCalls(shop: string): Promise<WrittenMetafield[][]> {
  const calls = await db.adminApiCall.findMany({
    where: { shop, operation: "MetafieldsSetMutation" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return calls
    .map((call) => JSON.parse(call.variables).metafields as WrittenMetafield[])
    .filter((metafields) => metafields.some((m) => m.ownerId.startsWith("gid://shopify/Product/")));
}
