// One render thread of the web server's pool (scripts/render-pool.ts): the Remix build loaded on its own, with its
// own database connection, answering the requests the main thread hands it. Plain JavaScript: worker threads do
// not inherit the main thread's TypeScript loader, and this file needs none (the build is JavaScript).
//
// Messages in:  { type: "request", id, method, url, headers: [name, value][], requestId } | { type: "abort", id }
// Messages out: { type: "ready" } | { type: "head", id, status, statusText, headers } | { type: "chunk", id, bytes }
//               | { type: "end", id } | { type: "error", id, message } | { type: "console", level, text }
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import { parentPort, workerData } from "node:worker_threads";

const { buildEntry } = workerData;
const port = parentPort;
// Warnings and errors go to the main thread's console, which the web server routes through its logger.
console.warn = (...args) => port.postMessage({ type: "console", level: "warn", text: format(...args) });
console.error = (...args) => port.postMessage({ type: "console", level: "error", text: format(...args) });
// The build's CommonJS asks for Node's built-ins through esbuild's require shim (scripts/server.ts, loadBuild).
globalThis.require ??= createRequire(buildEntry);
const { createRequestHandler } = await import("@remix-run/node");
const build = await import(pathToFileURL(buildEntry).href);
const handle = createRequestHandler(build, "production");
/** @type {Map<number, AbortController>} */
const controllers = new Map();

port.on("message", (message) => {
  if (message.type === "request") void serve(message);
  else if (message.type === "abort") controllers.get(message.id)?.abort();
});

async function serve({ id, method, url, headers, requestId }) {
  const controller = new AbortController();
  controllers.set(id, controller);
  try {
    const response = await handle(new Request(url, { method, headers, signal: controller.signal }), { requestId });
    port.postMessage({
      type: "head",
      id,
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
    });
    if (response.body) {
      for await (const chunk of response.body) {
        // A copy in a buffer of its own, handed over without a second copy (a chunk may be a view of a shared pool).
        const bytes = new Uint8Array(chunk);
        port.postMessage({ type: "chunk", id, bytes }, [bytes.buffer]);
      }
    }
    port.postMessage({ type: "end", id });
  } catch (error) {
    port.postMessage({
      type: "error",
      id,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } finally {
    controllers.delete(id);
  }
}

port.postMessage({ type: "ready" });
