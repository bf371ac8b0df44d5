// `npm run bench:requests-dispatch [-- <count>]`: how fast the dispatcher sends due review requests over real
// SMTP (the local capture server) on a fresh SQLite database: claim, re-check, render, idempotent send, record.
import os from "node:os";
import path from "node:path";
import { rmSync } from "node:fs";

const count = Number(process.argv[2] ?? 500);
const file = path.join(os.tmpdir(), `kundrost-bench-dispatch-${process.pid}.sqlite`);
process.env.DATABASE_URL = `file:${file}`;
// Local credentials and app URL, as in the demo: links in the emails point at http://localhost:3000.
process.env.KUNDROST_DEMO = "1";
process.env.NODE_ENV ??= "development";
process.env.LOG_LEVEL ??= "silent";

const { migrateDatabase } = await import("../../app/db-migrate.server");
await migrateDatabase(process.env.DATABASE_URL);
const { default: db } = await import("../../app/db.server");
const { startSmtpCapture } = await import("../../app/modules/mail");
const { dispatchDueRequests } = await import("../../app/modules/requests");

const capture = await startSmtpCapture();
process.env.SMTP_URL = capture.url;
const shop = "bench-dispatch.myshopify.com";
await db.shop.create({ data: { shop, name: "Bench & Co", timezone: "UTC", installedAt: new Date() } });
const due = new Date(Date.now() - 60_000);
for (let i = 0; i < count; i++) {
  const order = await db.order.create({
    data: { shop, shopifyId: String(i), name: `#${1000 + i}`, placedAt: due, fulfilledAt: due },
  });
  await db.reviewRequest.create({
    data: {
      shop,
      orderId: order.id,
      orderName: order.name,
      email: `shopper${i}@example.se`,
      sendAt: due,
      sendNowRequestedAt: due,
      items: { create: [{ shop, productShopifyId: "1", title: "Linen shirt" }] },
    },
  });
}
const started = performance.now();
let sent = 0;
try {
  for (;;) {
    const summary = await dispatchDueRequests({ limit: 200 });
    sent += summary.sent;
    if (summary.failed > 0) throw new Error(`${summary.failed} requests failed; see lastError on ReviewRequest`);
    if (summary.claimed === 0) break;
  }
} finally {
  await capture.close();
}
const seconds = (performance.now() - started) / 1000;
const captured = await db.capturedEmail.count();
console.log(
  `requests-dispatch: ${count} due, sent=${sent} captured=${captured} in ${seconds.toFixed(2)}s = ${(sent / seconds).toFixed(0)}/s`,
);
await db.$disconnect();
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
