// Session storage with a short in-process memory of loaded sessions. Every embedded admin request and every
// job that calls the Admin API makes shopify-app-remix load a session; a page and its data requests, or a
// worker running a shop's jobs back to back, read the same one. (It was written for the webhook intake, which
// no longer loads sessions at all: docs/decisions/005-webhook-inbox.md.)
// Writes and deletes through this storage update the memory at once; a change made by ANOTHER process
// (or straight in the database, as app/uninstalled does) is seen here after at most `ttlMs`.
import type { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";

export class RememberingSessionStorage implements SessionStorage {
  private readonly remembered = new Map<string, { session: Session | undefined; until: number }>();

  constructor(
    private readonly inner: SessionStorage,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async loadSession(id: string): Promise<Session | undefined> {
    const hit = this.remembered.get(id);
    if (hit && hit.until > this.now()) return hit.session;
    const session = await this.inner.loadSession(id);
    if (this.remembered.size > 10_000) this.remembered.clear();
    this.remembered.set(id, { session, until: this.now() + this.ttlMs });
    return session;
  }

  async storeSession(session: Session): Promise<boolean> {
    this.remembered.delete(session.id);
    return this.inner.storeSession(session);
  }

  async deleteSession(id: string): Promise<boolean> {
    this.remembered.delete(id);
    return this.inner.deleteSession(id);
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    for (const id of ids) this.remembered.delete(id);
    return this.inner.deleteSessions(ids);
  }

  findSessionsByShop(shop: string): Promise<Session[]> {
    return this.inner.findSessionsByShop(shop);
  }
}
