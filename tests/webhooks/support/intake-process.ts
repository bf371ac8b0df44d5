// The webhook intake alone in a process of its own (as scripts/server.ts mounts it), for the crash test: it
// listens on a free port, prints it, and records deliveries into DATABASE_URL's store (the SQLite inbox, or
// PostgreSQL) until it is killed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookRequestHandler } from "~/modules/webhooks";

const secret = process.env.KUNDROST_INTAKE_SECRET;
if (!secret) throw new Error("KUNDROST_INTAKE_SECRET must be set");
const server = createServer(createWebhookRequestHandler({ secret }));
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
