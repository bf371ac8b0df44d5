// Is the app installed in this shop right now? Installed means Shopify granted access (installedAt, set only by
// markShopInstalled on an OAuth grant) and no app/uninstalled came after it (uninstalledAt). A Shop row a
// webhook or a job created is not installed, and a redacted shop has no row at all.
//
// Everything that acts for a shop (an email to its customers, an Admin API call, a job that does either)
// asks this at the moment it acts, not when the work was queued: an uninstall can land in between.
import defaultDb, { inList, querySql, rawSql, type DbClient } from "../../db.server";
import { JobCancelledError } from "../jobs";

/** Where-clause for the Shop rows that are installed now. */
const INSTALLED = { installedAt: { not: null }, uninstalledAt: null } as const;

export async function isShopInstalled(shop: string, client: DbClient = defaultDb): Promise<boolean> {
  const row = await client.shop.findFirst({ where: { shop, ...INSTALLED }, select: { id: true } });
  return row !== null;
}

/**
 * Thrown by requireInstalledShop. A job that throws it is cancelled like the shop's other pending work on
 * uninstall (not failed, not retried), so a reinstall queues it again (resumeCancelledJobs).
 */
export class ShopNotInstalledError extends JobCancelledError {
  constructor(readonly shop: string) {
    super(`The app is not installed in ${shop}: its work stops until the merchant installs it again.`);
    this.name = "ShopNotInstalledError";
  }
}

/** The guard every job that acts for a shop runs first (and again right before an outside effect). */
export async function requireInstalledShop(shop: string, client: DbClient = defaultDb): Promise<void> {
  if (!(await isShopInstalled(shop, client))) throw new ShopNotInstalledError(shop);
}

/**
 * The shops that have a row but are not installed (never granted, or uninstalled and not yet redacted): few
 * at any time, so a batch query can leave their rows out with `shop: { notIn }`.
 */
export async function shopsNotInstalled(client: DbClient = defaultDb): Promise<string[]> {
  const rows = await client.shop.findMany({
    where: { OR: [{ installedAt: null }, { uninstalledAt: { not: null } }] },
    select: { shop: true },
  });
  return rows.map((row) => row.shop);
}

/** Which of these shops are installed now: one query for a batch of work that spans several shops. */
export async function installedShopsAmong(shops: string[], client: DbClient = defaultDb): Promise<Set<string>> {
  if (shops.length === 0) return new Set();
  // Raw SQL: every order batch asks, and a model call costs ~1 ms of Prisma's compiler (decision 009).
  const rows = await querySql<{ shop: string }>(
    client,
    rawSql().sql`SELECT "shop" FROM "Shop" WHERE "shop" IN ${inList(shops)}
      AND "installedAt" IS NOT NULL AND "uninstalledAt" IS NULL`,
  );
  return new Set(rows.map((row) => row.shop));
}
