// Install and reinstall: the Shop row says the app is installed again. app/uninstalled (privacy module,
// recordAppUninstalled) deleted the sessions, cancelled the shop's queued jobs and set uninstalledAt; the
// sessions come back with the new OAuth grant, and this undoes the other two, so the shop's screens and
// background work (which skip uninstalled shops) carry on where they stopped.
import { z } from "zod";
import defaultDb, { type Db } from "../../db.server";
import { resumeCancelledJobs } from "../jobs";

const ShopDomainSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be a shop's myshopify.com domain, e.g. example.myshopify.com");

export interface InstallResult {
  /** The Shop row did not exist: a first install (its details arrive with shops.sync-shop). */
  created: boolean;
  /** The shop had been uninstalled and is installed again. */
  reinstalled: boolean;
  /** Jobs the uninstall cancelled that are queued again. */
  jobsResumed: number;
}

/**
 * Records that `shop` has (re)installed the app: creates its Shop row if missing; after an uninstall, clears
 * uninstalledAt, sets installedAt to `now` and queues again the jobs the uninstall cancelled. Called on every
 * OAuth (afterAuth), so it is a no-op for an installed shop, and safe when two requests race.
 */
export async function markShopInstalled(shop: string, db: Db = defaultDb, now: Date = new Date()): Promise<InstallResult> {
  const parsed = ShopDomainSchema.safeParse(shop);
  if (!parsed.success) throw new Error(`markShopInstalled: shop ${JSON.stringify(shop)} ${parsed.error.issues[0].message}`);

  const known = await db.shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
  if (!known) {
    try {
      // The domain stands in for the name until shops.sync-shop brings the shop's details.
      await db.shop.create({ data: { shop, name: shop, installedAt: now }, select: { id: true } });
      return { created: true, reinstalled: false, jobsResumed: 0 };
    } catch (error) {
      // A webhook job (or a second request) created it between our read and write: treat it as known.
      if ((error as { code?: unknown }).code !== "P2002") throw error;
    }
  } else if (known.uninstalledAt === null) {
    return { created: false, reinstalled: false, jobsResumed: 0 };
  }

  return db.$transaction(async (tx) => {
    const row = await tx.shop.findUniqueOrThrow({ where: { shop }, select: { uninstalledAt: true } });
    if (row.uninstalledAt === null) return { created: false, reinstalled: false, jobsResumed: 0 };
    // Conditional on the value read: of two racing calls, one makes the change and resumes the jobs.
    const marked = await tx.shop.updateMany({ where: { shop, uninstalledAt: row.uninstalledAt }, data: { uninstalledAt: null, installedAt: now } });
    if (marked.count === 0) return { created: false, reinstalled: false, jobsResumed: 0 };
    const jobsResumed = await resumeCancelledJobs(shop, row.uninstalledAt, tx);
    return { created: false, reinstalled: true, jobsResumed };
  });
}
