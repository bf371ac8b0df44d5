// The PostgreSQL intake's group commit on the pg driver (no server needed: a stand-in pool whose statements wait
// until released): two batches in flight, the deliveries that arrive meanwhile form the next, and a delivery is
// answered only once its own batch's COMMIT has returned.
import type pg from "pg";
import { WebhookGroupCommit } from "~/modules/webhooks/group-commit.server";
import type { WebhookDelivery } from "~/modules/webhooks";

function standInPool() {
  const held: { release: () => void }[] = [];
  const batches: string[][] = [];
  const client = {
    query(sql: string, values?: unknown[]) {
      if (sql.includes('INSERT INTO "WebhookEvent"')) {
        batches.push(values![3] as string[]); // the batch's webhook ids
        return Promise.resolve({ rows: (values![0] as string[]).map((id) => ({ id })) });
      }
      if (sql.startsWith("COMMIT"))
        return new Promise((resolve) => held.push({ release: () => resolve({ rows: [] }) }));
      return Promise.resolve({ rows: [] });
    },
    release() {},
  };
  const pool = { connect: () => Promise.resolve(client) };
  return { pool: pool as unknown as pg.Pool, held, batches };
}

function delivery(webhookId: string): WebhookDelivery {
  return { shop: "nordic-linen.myshopify.com", topic: "ORDERS_FULFILLED", webhookId, body: "{}" };
}

describe("PostgreSQL intake group commit (pg driver)", () => {
  it("commits two batches at once, groups what arrives meanwhile, and answers each delivery after its own commit", async () => {
    const { pool, held, batches } = standInPool();
    const intake = new WebhookGroupCommit(undefined, pool);
    const answered: string[] = [];
    const record = (id: string) => intake.record(delivery(id)).then(() => answered.push(id));

    const a = record("a");
    const b = record("b");
    await vi.waitFor(() => expect(held).toHaveLength(2)); // a's and b's batches both at COMMIT
    const c = record("c");
    const d = record("d");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(batches).toEqual([["a"], ["b"]]); // c and d wait for a free connection
    expect(answered).toEqual([]); // nothing answered before its COMMIT returned

    held[1].release();
    await b;
    await vi.waitFor(() => expect(batches).toEqual([["a"], ["b"], ["c", "d"]])); // one batch for both
    expect(answered).toEqual(["b"]);
    await vi.waitFor(() => expect(held).toHaveLength(3));
    held[0].release();
    await a;
    expect(answered).toEqual(["b", "a"]); // c and d's batch has not committed yet
    held[2].release();
    await Promise.all([c, d]);
    expect(answered).toEqual(["b", "a", "c", "d"]);
  });
});
