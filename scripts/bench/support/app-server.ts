// The app server alone in a process (as `npm start` runs it), for benchmarks that must not share an event loop
// with their load generator. Listens on PORT; prints "listening <url>" on stderr once it answers.
import { startAppServer } from "../../server";

const server = await startAppServer({ port: Number(process.env.PORT ?? 0) });
process.stderr.write(`listening ${server.url}\n`);
process.once("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
