// Starts tests/jobs/support/worker-process.ts as a separate Node process on this test file's database.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the process has printed this line. */
  waitForLine(line: string): Promise<void>;
  go(): void;
  exited: Promise<number | null>;
}

export function spawnWorkerProcess(env: Record<string, string>): WorkerProcess {
  const script = path.join(import.meta.dirname, "worker-process.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env, DATABASE_URL: process.env.DATABASE_URL!, LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    const seen = output.split("\n");
    for (const waiter of [...waiters]) {
      if (seen.includes(waiter.line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    waitForLine(line) {
      if (output.split("\n").includes(line)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ line, resolve });
        void exited.then((code) => reject(new Error(`worker process exited (${code}) before "${line}":\n${errors}`)));
      });
    },
    go() {
      child.stdin!.write("go\n");
    },
    exited,
  };
}
