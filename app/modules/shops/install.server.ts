// Install and reinstall: the Shop row says the app is installed (again). This is the only code that marks a
// shop installed (installedAt): a row created any other way (an app/uninstalled that came first) is not.
// app/uninstalled (privacy module, recordAppUninstalled) deleted the sessions, cancelled the shop's queued jobs
// and set uninstalledAt; the sessions come back with the new OAuth grant, and this undoes the other two, so the
// shop's screens and background work (which skip uninstalled shops) carry on where they stopped.
// installedAt is the latest moment Shopify granted the app access (first install, reinstall, any re-auth):
// a grant proves the app was installed then, so an app/uninstalled that happened before it belongs to an
// earlier installation and is ignored however late its job runs (even when this reinstall came before that
// job had marked the shop uninstalled). It only moves forward.
import { z } from "zod";
import defaultDb, { type Db } from "../../db.server";
import { resumeCancelledJobs } from "../jobs";

const ShopDomainSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be a shop's myshopify.com domain, e.g. example.myshopify.com");

export interface InstallResult {
  /** The Shop row did not exist: a first install (its details arrive with shops.sync-shop). */
  created: boolean;
  /** The shop had been uninstalled and is installed again. */
  reinstalled: boolean;
  /** Jobs the uninstall cancelled that are queued again. */
  jobsResumed: number;
}

/**
 * Records that `shop` has (re)installed the app, as of `now`: creates its Shop row if missing; moves installedAt
 * forward to `now`; after an uninstall, clears uninstalledAt and queues again the jobs the uninstall cancelled.
 * Called on every grant of access (afterAuth), and safe when two requests race.
 */
export async function markShopInstalled(
  shop: string,
  db: Db = defaultDb,
  now: Date = new Date(),
): Promise<InstallResult> {
  const parsed = ShopDomainSchema.safeParse(shop);
  if (!parsed.success)
    throw new Error(`markShopInstalled: shop ${JSON.stringify(shop)} ${parsed.error.issues[0].message}`);
  if (Number.isNaN(now.getTime())) throw new Error(`markShopInstalled: now for ${shop} is not a valid date.`);

  const known = await db.shop.findUnique({ where: { shop }, select: { id: true } });
  if (!known) {
    try {
      // The domain stands in for the name until shops.sync-shop brings the shop's details.
      await db.shop.create({ data: { shop, name: shop, installedAt: now }, select: { id: true } });
      return { created: true, reinstalled: false, jobsResumed: 0 };
    } catch (error) {
      // A second grant (or an app/uninstalled job) created it between our read and write: treat it as known.
      if ((error as { code?: unknown }).code !== "P2002") throw error;
    }
  }

  return db.$transaction(async (tx) => {
    // Each write is conditional on the uninstalledAt read: when an uninstall or a racing reinstall changed it
    // in between, it matches nothing and the row is read again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await tx.shop.findUniqueOrThrow({
        where: { shop },
        select: { installedAt: true, uninstalledAt: true },
      });
      const installedAt = row.installedAt && row.installedAt.getTime() > now.getTime() ? row.installedAt : now;
      const marked = await tx.shop.updateMany({
        where: { shop, uninstalledAt: row.uninstalledAt },
        data: { uninstalledAt: null, installedAt },
      });
      if (marked.count === 0) continue;
      if (row.uninstalledAt === null) return { created: false, reinstalled: false, jobsResumed: 0 };
      // Of two racing reinstalls, only the one whose write matched resumes the jobs.
      const jobsResumed = await resumeCancelledJobs(shop, row.uninstalledAt, tx);
      return { created: false, reinstalled: true, jobsResumed };
    }
    throw new Error(`markShopInstalled: the Shop row of ${shop} kept changing under the install; try again.`);
  });
}
