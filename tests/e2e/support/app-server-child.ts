// Starts tests/e2e/support/app-server-process.ts on this test file's database and collects its log.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export interface AppServerChild {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout so far (pino's JSON lines). */
  log(): string;
  /** The process's peak resident memory so far (VmHWM in /proc), in bytes. */
  peakRssBytes(): number;
  stop(): Promise<void>;
}

export async function startAppServerChild(env: Record<string, string>): Promise<AppServerChild> {
  const script = path.join(import.meta.dirname, "app-server-process.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL!, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const match = /listening (\S+)/.exec(err);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`app server process exited (${code}):\n${err}\n${out}`)));
  });
  // A server that dies mid-file fails every later test with ECONNREFUSED; say once why it died.
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (stopping) return;
    const tail = (out + err).split("\n").slice(-40).join("\n");
    console.error(`app server process exited unexpectedly (code ${code}, signal ${signal}); its last output:\n${tail}`);
  });
  return {
    url,
    child,
    log: () => out + err,
    peakRssBytes() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}
