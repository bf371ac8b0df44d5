// Loyalty's jobs act for a shop (emails to its members, Admin API calls): none of that may happen once the
// merchant has uninstalled. One function, so it can give way to the shops module's shared guard in one place.
import db from "../../db.server";

export async function shopIsInstalled(shop: string): Promise<boolean> {
  const row = await db.shop.findFirst({ where: { shop }, select: { uninstalledAt: true } });
  return row !== null && row.uninstalledAt === null;
}
