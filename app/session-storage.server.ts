// Session storage with a short in-process memory of loaded sessions. Every webhook makes shopify-app-remix
// load the shop's offline session, and under a burst that read is a large share of the request's cost.
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
