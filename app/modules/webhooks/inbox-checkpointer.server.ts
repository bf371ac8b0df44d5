// The inbox's checkpointer: a thread of the web process with a connection of its own that keeps the inbox's WAL
// short and rewound, off the event loop. Why: the 200 waits for an fdatasync of the WAL. While the WAL grows, each
// of those syncs also commits ext4's journal (new blocks), which waits for whatever else the machine wrote; once
// SQLite rewinds the WAL (after a checkpoint has copied all of it into the inbox file and nobody reads an older
// snapshot), appends overwrite blocks the file already has and a sync is the data alone. Before this thread the
// WAL grew all burst long (the pump's PASSIVE checkpoints, from another process, rarely caught up with the
// appends) until the web connection's own checkpoint at 256 MB ran on the event loop and stalled every request
// for up to 469 ms (decision 009, sessions 9-10).
//
// How: the thread checkpoints PASSIVE every `intervalMs` (never blocking an append). Once the WAL holds more than
// `restartAtBytes` after such a pass, it asks the event loop to hold appends (deliveries wait in
// memory, as they do while both syncs run), runs a RESTART checkpoint, which copies the few frames appended
// since its last pass and waits briefly for readers, and lets appends go on; the next append starts the WAL from
// its beginning. A hold lasts one short checkpoint; if a reader or the pump's delete keeps it busy past
// `busyMs`, the thread lets go and tries again later.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { loggerFor } from "../../logger.server";

export interface InboxCheckpointerOptions {
  /** How often the thread checkpoints PASSIVE. */
  intervalMs?: number;
  /** WAL size past which the thread holds appends for a RESTART checkpoint when a PASSIVE one did not catch up. */
  restartAtBytes?: number;
  /** How long the RESTART checkpoint waits for readers and writers (the pump) before giving up this time. */
  busyMs?: number;
}

/** What the thread reports after each RESTART attempt (SQLite's wal_checkpoint row). */
export interface RestartResult {
  busy: number;
  log: number;
  checkpointed: number;
}

// Plain CommonJS run by `new Worker(..., { eval: true })`: no loader or build step is involved in the thread.
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyMs });
const pageSize = db.pragma("page_size", { simple: true });
const restartFrames = Math.max(1, Math.floor(workerData.restartAtBytes / (pageSize + 24)));
let timer = null;
let stopped = false;
function schedule() {
  if (!stopped) timer = setTimeout(pass, workerData.intervalMs);
}
function pass() {
  timer = null;
  let row;
  try {
    row = db.pragma("wal_checkpoint(PASSIVE)")[0];
  } catch (error) {
    parentPort.postMessage({ type: "error", message: String(error && error.message || error) });
    return schedule();
  }
  // Even a pass that copied everything leaves the WAL as long as it is: the next append rewinds it only if no
  // append came in while the pass ran, which under a burst never happens. So past the threshold, hold appends.
  if (row.log >= restartFrames) parentPort.postMessage({ type: "hold" });
  else schedule();
}
parentPort.on("message", (message) => {
  if (message === "held") {
    let result;
    try {
      result = db.pragma("wal_checkpoint(RESTART)")[0];
    } catch (error) {
      result = { error: String(error && error.message || error) };
    }
    parentPort.postMessage({ type: "release", result });
    schedule();
  } else if (message === "stop") {
    stopped = true;
    if (timer) clearTimeout(timer);
    db.close();
    parentPort.close();
  }
});
schedule();
`;

export class InboxCheckpointer {
  private holding = false;
  private released: Array<() => void> = [];
  private readonly thread: Worker;
  private stopped = false;
  /** Every RESTART attempt's result, newest last (kept short; tests and traces read it). */
  readonly restarts: RestartResult[] = [];

  constructor(file: string, options: InboxCheckpointerOptions = {}) {
    const log = loggerFor({ module: "webhooks" });
    this.thread = new Worker(THREAD_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: {
        driver: createRequire(import.meta.url).resolve("better-sqlite3"),
        file,
        intervalMs: options.intervalMs ?? 50,
        restartAtBytes: options.restartAtBytes ?? 32 * 1024 * 1024,
        busyMs: options.busyMs ?? 20,
      },
    });
    // The web process exits when its server closes; this thread does not keep it alive.
    this.thread.unref();
    this.thread.on(
      "message",
      (message: { type: string; result?: RestartResult & { error?: string }; message?: string }) => {
        if (message.type === "hold") {
          // Handled between two turns of the event loop, so no append is running now and none starts until release.
          this.holding = true;
          this.thread.postMessage("held");
        } else if (message.type === "release") {
          if (message.result?.error) log.warn({ inbox: file, err: message.result.error }, "Inbox checkpoint failed");
          else if (message.result) {
            this.restarts.push(message.result);
            if (this.restarts.length > 100) this.restarts.shift();
          }
          this.release();
        } else if (message.type === "error") {
          log.warn({ inbox: file, err: message.message }, "Inbox checkpoint failed");
        }
      },
    );
    const gone = (error?: unknown) => {
      if (!this.stopped) {
        log.error(
          { inbox: file, err: error },
          "The inbox checkpointer stopped; the web process checkpoints the inbox itself past 256 MB of WAL",
        );
      }
      this.release();
    };
    this.thread.on("error", gone);
    this.thread.on("exit", () => gone());
  }

  /** True while the thread's RESTART checkpoint runs: appends must wait for `whenReleased`. */
  get appendsHeld(): boolean {
    return this.holding;
  }

  whenReleased(callback: () => void): void {
    if (this.holding) this.released.push(callback);
    else callback();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.thread.postMessage("stop");
    this.release();
  }

  private release(): void {
    this.holding = false;
    const callbacks = this.released;
    this.released = [];
    callbacks.forEach((callback) => callback());
  }
}
