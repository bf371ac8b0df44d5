// The app server in a process of its own (as `npm start` / `npm run demo` run it), so a test can read its log
// from stdout and its memory from /proc. Prints "listening <url>" on stderr once it answers.
import { startAppServer } from "../../../scripts/server";

// APP_TEST_PORT: a port chosen by the test (to reach the server while it starts); a free one otherwise.
const server = await startAppServer({ port: Number(process.env.APP_TEST_PORT ?? 0) });
process.stderr.write(`listening ${server.url}\n`);
process.once("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
