// Every shop we hear from has a Shop row, even before the merchant opens the admin (webhooks can come first).
import defaultDb, { type DbClient } from "../../db.server";
import { enqueueJob } from "../jobs";
import { SYNC_SHOP_JOB_TYPE } from "../shops";

/**
 * Creates the shop's row with defaults when missing, and queues one sync of its real details (name, currency,
 * time zone, language) from the Admin API; returns true when it was created now.
 */
export async function ensureShopRecorded(shop: string, client: DbClient = defaultDb): Promise<boolean> {
  const known = await client.shop.findUnique({ where: { shop }, select: { id: true } });
  if (known) return false;
  try {
    // The domain stands in for the name until the shop's details are synced from the Admin API.
    await client.shop.create({ data: { shop, name: shop }, select: { id: true } });
    await enqueueJob(
      {
        type: SYNC_SHOP_JOB_TYPE,
        shop,
        payload: { shop, products: true },
        uniqueKey: `${SYNC_SHOP_JOB_TYPE}:${shop}:first-seen`,
      },
      client,
    );
    return true;
  } catch (error) {
    // Another job created it between our read and write.
    if ((error as { code?: unknown }).code === "P2002") return false;
    throw error;
  }
}
