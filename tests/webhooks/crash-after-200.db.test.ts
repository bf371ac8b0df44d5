// A delivery answered 200 is kept: the web process killed with SIGKILL right after its answers loses none of
// them (issue 17). On SQLite the inbox commits with synchronous=FULL before the 200; on PostgreSQL the intake
// commits into WebhookEvent with PostgreSQL's default (durable) commit.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import db from "~/db.server";
import { shopifyCredentials } from "~/config.server";
import { pumpWebhookInbox } from "~/modules/webhooks";
import { signedWebhookRequest, TEST_SHOP, webhookFixture } from "../support/signed-webhooks";

function startIntake(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    path.join(process.cwd(), "node_modules", ".bin", "tsx"),
    ["--tsconfig", "tsconfig.json", "tests/webhooks/support/intake-process.ts"],
    {
      cwd: process.cwd(),
      env: { ...process.env, KUNDROST_INTAKE_SECRET: shopifyCredentials().apiSecretKey, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", (chunk: Buffer) => resolve({ child, url: `http://127.0.0.1:${String(chunk).trim()}` }));
    child.once("exit", (code) => reject(new Error(`the intake exited with ${code} before listening`)));
  });
}

/** Kills the intake and everything it started (tsx runs node as a child) at once, as a power cut would. */
function killNow(child: ChildProcess): void {
  process.kill(-child.pid!, "SIGKILL");
}

it(
  "loses no delivery it answered 200 when the web process is killed right after answering",
  { timeout: 120_000 },
  async () => {
    const { child, url } = await startIntake();
    const acknowledged: string[] = [];
    let killed = false;
    const send = async (n: number) => {
      const order = { ...webhookFixture("orders-fulfilled"), id: 7_200_000_000_000 + n };
      const request = signedWebhookRequest("orders/fulfilled", order, { webhookId: `crash-${n}` });
      try {
        const response = await fetch(`${url}/webhooks/orders/fulfilled`, {
          method: "POST",
          headers: request.headers,
          body: await request.text(),
        });
        if (response.status === 200) {
          acknowledged.push(`crash-${n}`);
          // The kill lands while later deliveries are still being answered and recorded.
          if (acknowledged.length === 150 && !killed) {
            killed = true;
            killNow(child);
          }
        }
      } catch {
        // the process is gone: no answer, so Shopify would send it again
      }
    };
    try {
      for (let wave = 0; wave < 20 && !killed; wave++)
        await Promise.all(Array.from({ length: 25 }, (_, i) => send(wave * 25 + i)));
    } finally {
      if (!killed) killNow(child);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    await pumpWebhookInbox(); // SQLite: what the next worker does with the inbox the dead process left
    const recorded = new Set(
      (await db.webhookEvent.findMany({ where: { shop: TEST_SHOP }, select: { webhookId: true } })).map(
        (e) => e.webhookId,
      ),
    );
    expect(acknowledged.filter((id) => !recorded.has(id))).toEqual([]);
  },
);
