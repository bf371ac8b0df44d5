// Every shop we hear from has a Shop row, even before the merchant opens the admin (webhooks can come first).
import defaultDb, { type DbClient } from "../../db.server";

/** Creates the shop's row with defaults when missing; returns true when it was created now. */
export async function ensureShopRecorded(shop: string, client: DbClient = defaultDb): Promise<boolean> {
  const known = await client.shop.findUnique({ where: { shop }, select: { id: true } });
  if (known) return false;
  try {
    // The domain stands in for the name until the shop's details are synced from the Admin API.
    await client.shop.create({ data: { shop, name: shop }, select: { id: true } });
    return true;
  } catch (error) {
    // Another job created it between our read and write.
    if ((error as { code?: unknown }).code === "P2002") return false;
    throw error;
  }
}
