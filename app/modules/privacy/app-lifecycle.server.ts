// app/uninstalled and app/scopes_update: what changes for a shop when the merchant removes the app or
// changes what it may access. Data stays until shop/redact (48 hours later) so a quick reinstall loses nothing.
//
// Deliveries are processed by jobs, minutes (or a retry) after Shopify sent them, and Shopify does not promise
// their order: an app/uninstalled can be processed after the merchant has installed the app again. An
// uninstall that happened before the shop's installedAt (set by markShopInstalled on every grant of access,
// see modules/shops/install.server.ts) belongs to an installation that has since been replaced: it is stale
// and changes nothing, so the new session and the resumed jobs survive it.
import defaultDb, { type Db } from "../../db.server";
import { cancelPendingJobs } from "../jobs";

export interface UninstallResult {
  /** The uninstall happened before the shop's latest install: nothing was changed. */
  stale: boolean;
  /** The shop's installedAt the uninstall was compared with (null: never installed by a grant). */
  installedAt: Date | null;
  sessionsDeleted: number;
  jobsCancelled: number;
}

/**
 * An uninstall at `occurredAt` is stale when the shop was installed (again) after it. Ties are not stale:
 * two clocks cannot order events in the same millisecond, and an uninstall applied by mistake is repaired
 * the next time the merchant opens the app (the new grant reinstalls), while one ignored by mistake would
 * leave an uninstalled shop's work running until shop/redact.
 */
export function isStaleUninstall(occurredAt: Date, installedAt: Date): boolean {
  return occurredAt.getTime() < installedAt.getTime();
}

/**
 * Sessions (the access tokens are dead anyway) go, queued work stops, the shop is marked uninstalled. Safe to
 * repeat. `occurredAt` is when the merchant uninstalled (the delivery's X-Shopify-Triggered-At, else when we
 * received it): when it is earlier than the shop's installedAt the uninstall is stale and nothing changes.
 * Without it the uninstall is taken as current.
 */
export async function recordAppUninstalled(
  shop: string,
  db: Db = defaultDb,
  now: Date = new Date(),
  occurredAt?: Date,
): Promise<UninstallResult> {
  if (occurredAt !== undefined && Number.isNaN(occurredAt.getTime())) {
    throw new Error(`recordAppUninstalled: occurredAt for ${shop} is not a valid date.`);
  }
  return db.$transaction(async (tx) => {
    // A write first, conditional on the install being no later than the uninstall: it holds the Shop row
    // (PostgreSQL's row lock, SQLite's write lock) until the commit, so a reinstall cannot land between this
    // decision and the deletes below; one already committed makes it match nothing.
    const hold = () =>
      tx.shop.updateMany({
        where: { shop, ...(occurredAt ? { OR: [{ installedAt: null }, { installedAt: { lte: occurredAt } }] } : {}) },
        data: { updatedAt: now },
      });
    if ((await hold()).count === 0) {
      const row = await tx.shop.findUnique({ where: { shop }, select: { installedAt: true } });
      if (!row) {
        // The shop's uninstall arrived before anything else about it: the row records the uninstall, and is not
        // installed (only a grant, markShopInstalled, sets installedAt).
        await tx.shop.create({ data: { shop, name: shop }, select: { id: true } });
      } else if (occurredAt && row.installedAt && isStaleUninstall(occurredAt, row.installedAt)) {
        return { stale: true, installedAt: row.installedAt, sessionsDeleted: 0, jobsCancelled: 0 };
      } else {
        await hold(); // the row appeared between the two statements (another job created it): hold it now
      }
    }
    // The first uninstall's time is kept: a reinstall resumes the jobs cancelled since then.
    await tx.shop.updateMany({ where: { shop, uninstalledAt: null }, data: { uninstalledAt: now } });
    const { installedAt } = await tx.shop.findUniqueOrThrow({ where: { shop }, select: { installedAt: true } });
    const sessions = await tx.session.deleteMany({ where: { shop } });
    const jobsCancelled = await cancelPendingJobs(shop, tx);
    return { stale: false, installedAt, sessionsDeleted: sessions.count, jobsCancelled };
  });
}

/** Keeps the stored sessions' scope in step with what the merchant granted, as Shopify's app template does. */
export async function recordScopesUpdated(shop: string, currentScopes: string[], db: Db = defaultDb): Promise<number> {
  const result = await db.session.updateMany({ where: { shop }, data: { scope: currentScopes.join(",") } });
  return result.count;
}
