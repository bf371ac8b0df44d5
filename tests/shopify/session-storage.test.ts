import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { RememberingSessionStorage } from "~/session-storage.server";

class CountingStorage implements SessionStorage {
  sessions = new Map<string, Session>();
  loads = 0;
  async storeSession(s: Session) {
    this.sessions.set(s.id, s);
    return true;
  }
  async loadSession(id: string) {
    this.loads++;
    return this.sessions.get(id);
  }
  async deleteSession(id: string) {
    return this.sessions.delete(id);
  }
  async deleteSessions(ids: string[]) {
    ids.forEach((id) => this.sessions.delete(id));
    return true;
  }
  async findSessionsByShop(shop: string) {
    return [...this.sessions.values()].filter((s) => s.shop === shop);
  }
}

const offline = (token: string) =>
  new Session({
    id: "offline_a.myshopify.com",
    shop: "a.myshopify.com",
    state: "s",
    isOnline: false,
    accessToken: token,
  });

describe("the remembering session storage", () => {
  it("answers repeated loads from memory until the time to live has passed", async () => {
    let now = 1_000;
    const inner = new CountingStorage();
    await inner.storeSession(offline("t1"));
    const storage = new RememberingSessionStorage(inner, 5_000, () => now);
    expect((await storage.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
    expect((await storage.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
    expect(inner.loads).toBe(1);
    now += 5_001;
    await storage.loadSession("offline_a.myshopify.com");
    expect(inner.loads).toBe(2);
  });

  it("sees its own writes and deletes at once", async () => {
    const inner = new CountingStorage();
    const storage = new RememberingSessionStorage(inner, 60_000);
    expect(await storage.loadSession("offline_a.myshopify.com")).toBeUndefined();
    await storage.storeSession(offline("t2"));
    expect((await storage.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t2");
    await storage.deleteSessions(["offline_a.myshopify.com"]);
    expect(await storage.loadSession("offline_a.myshopify.com")).toBeUndefined();
  });
});
