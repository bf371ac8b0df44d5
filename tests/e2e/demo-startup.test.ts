// `npm run demo` from nothing, as a person types it: the seed, the build, the worker's first jobs, and then the URLs
// as the last thing on the screen (issue 14, point 15). A fresh clone once printed about a thousand job lines right
// after them, as the worker went through the jobs the seed left due.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "kundrost-demo-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

it(
  "prints its URLs last: nothing but the URLs' block follows a fresh seed for the next seconds",
  { timeout: 240_000 },
  async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${path.join(dir, "demo.sqlite")}` };
    for (const name of ["LOG_LEVEL", "LOG_FORMAT", "SHOPIFY_APP_URL", "PORT", "NODE_ENV", "KUNDROST_DEMO"])
      delete env[name];
    const child = spawn(
      path.join(process.cwd(), "node_modules", ".bin", "tsx"),
      ["scripts/demo.ts", "--port", String(port)],
      { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += String(chunk)));
    child.stderr!.on("data", (chunk: Buffer) => (output += String(chunk)));
    try {
      await new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const timer = setInterval(() => {
          if (output.includes("Ctrl-C stops it")) {
            clearInterval(timer);
            resolve();
          } else if (Date.now() - started > 200_000 || child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`the demo did not print its URLs:\n${output.slice(-2_000)}`));
          }
        }, 200);
      });
      // What a person sees once the demo has printed its URLs and they reach for the browser.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const response = await fetch(`http://localhost:${port}/app`);
      expect(response.status).toBe(200);

      const lines = output.split("\n");
      expect(output).toMatch(/Seeding the demo shop/);
      const urls = lines.findIndex((line) => line.includes("Admin home"));
      const end = lines.findIndex((line) => line.includes("Ctrl-C stops it"));
      expect(urls).toBeGreaterThan(lines.findIndex((line) => line.includes("Seeding the demo shop")));
      const after = lines.slice(end + 1).filter((line) => line.trim() !== "");
      // The page just asked for logs one line; no job of the seed's backlog does.
      expect(
        after.filter((line) => /\bjobs\b/.test(line)),
        after.join("\n"),
      ).toEqual([]);
      expect(after.length, after.join("\n")).toBeLessThanOrEqual(3);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)));
    }
  },
);
