// app/uninstalled and app/scopes_update: what changes for a shop when the merchant removes the app or
// changes what it may access. Data stays until shop/redact (48 hours later) so a quick reinstall loses nothing.
import defaultDb, { type Db } from "../../db.server";
import { cancelPendingJobs } from "../jobs";

export interface UninstallResult {
  sessionsDeleted: number;
  jobsCancelled: number;
}

/** Sessions (the access tokens are dead anyway) go, queued work stops, the shop is marked uninstalled. Safe to repeat. */
export async function recordAppUninstalled(shop: string, db: Db = defaultDb, now: Date = new Date()): Promise<UninstallResult> {
  return db.$transaction(async (tx) => {
    const sessions = await tx.session.deleteMany({ where: { shop } });
    const jobsCancelled = await cancelPendingJobs(shop, tx);
    const marked = await tx.shop.updateMany({ where: { shop, uninstalledAt: null }, data: { uninstalledAt: now } });
    if (marked.count === 0) {
      const known = await tx.shop.findUnique({ where: { shop }, select: { id: true } });
      if (!known) await tx.shop.create({ data: { shop, name: shop, uninstalledAt: now }, select: { id: true } });
    }
    return { sessionsDeleted: sessions.count, jobsCancelled };
  });
}

/** Keeps the stored sessions' scope in step with what the merchant granted, as Shopify's app template does. */
export async function recordScopesUpdated(shop: string, currentScopes: string[], db: Db = defaultDb): Promise<number> {
  const result = await db.session.updateMany({ where: { shop }, data: { scope: currentScopes.join(",") } });
  return result.count;
}
