// The app server in a process of its own (as `npm start` / `npm run demo` run it), so a test can read its log
// from stdout and its memory from /proc. Prints "listening <url>" on stderr once it answers.
import { startAppServer } from "../../../scripts/server";

const server = await startAppServer({ port: 0 });
process.stderr.write(`listening ${server.url}\n`);
process.once("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
