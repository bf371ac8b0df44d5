// `npm run mail:capture [-- --port 2525]`: the local SMTP capture on its own, for development against a real
// development store without a mail relay. Set SMTP_URL to the URL it prints; messages land in CapturedEmail
// of DATABASE_URL (the demo outbox page lists them).
import { parseArgs } from "node:util";
import { databaseUrl } from "../app/db-url.server";
import { migrateDatabase } from "../app/db-migrate.server";

const { values } = parseArgs({ options: { port: { type: "string", default: "2525" } } });
await migrateDatabase(databaseUrl());
const { startSmtpCapture } = await import("../app/modules/mail");
const capture = await startSmtpCapture({ port: Number(values.port) });
console.log(`Capturing mail at ${capture.url}; set SMTP_URL=${capture.url}. Ctrl-C stops.`);
process.once("SIGINT", () => void capture.close().then(() => process.exit(0)));
