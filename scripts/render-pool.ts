// Admin pages rendered on worker threads beside the web server's main thread (scripts/server.ts, decision 014).
import os from "node:os";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";

/** The thread's program: loads the build and answers requests (scripts/render-thread.mjs). */
export const RENDER_THREAD_ENTRY = fileURLToPath(new URL("./render-thread.mjs", import.meta.url));

/** What a render thread needs of a request: admin page loads carry no body. */
export interface PooledRequest {
  method: "GET" | "HEAD";
  url: string;
  headers: [string, string][];
  requestId: string;
}

/** Where a rendered answer goes, in order: head once, then chunks, then end; or fail (before or after the head). */
export interface ResponseSink {
  head(status: number, statusText: string, headers: [string, string][]): void;
  chunk(bytes: Uint8Array): void;
  end(): void;
  fail(error: Error): void;
}

type ThreadMessage =
  | { type: "ready" }
  | { type: "head"; id: number; status: number; statusText: string; headers: [string, string][] }
  | { type: "chunk"; id: number; bytes: Uint8Array }
  | { type: "end"; id: number }
  | { type: "error"; id: number; message: string }
  | { type: "console"; level: "warn" | "error"; text: string };

interface Job {
  id: number;
  request: PooledRequest;
  sink: ResponseSink;
  aborted: boolean;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  jobs: Map<number, Job>;
  served: number;
}

/**
 * Requests a thread holds at once: one rendering and one ready to start the moment it finishes, so a thread never
 * waits for the main thread between two pages, and the queue (the arrival order) stays here rather than in a
 * thread's event loop, where a request would wait behind whatever that thread had already taken.
 */
const PER_THREAD = 2;

/**
 * The number of render threads for this machine when RENDER_THREADS is not set: one per core, up to four, on a
 * machine with more than one; none on one core, where a thread would only add its copying to the same core.
 */
export function defaultRenderThreads(setting: string | undefined, cores = os.availableParallelism()): number {
  if (setting !== undefined && setting.trim() !== "") {
    const n = Number(setting);
    if (!Number.isInteger(n) || n < 0 || n > 64) {
      throw new Error(`RENDER_THREADS must be a whole number from 0 to 64 (got "${setting}").`);
    }
    return n;
  }
  return cores > 1 ? Math.min(cores, 4) : 0;
}

/**
 * Admin page loads (GET and HEAD under /app) rendered by a pool of worker threads, each with the Remix build and
 * a database connection of its own. A page is synchronous work once its data is read (on SQLite the reads are
 * too), so on one thread every page waits for every page before it, and so does every webhook delivery; with a
 * thread per core the pages use every core, and the main thread keeps to the sockets, the webhook intake and the
 * requests that change something (actions, uploads, the app proxy and the shopper pages stay on the main thread,
 * with the in-process state they share: rate limits, the storefront cache).
 *
 * Requests wait here in arrival order and go to the thread with the fewest in hand. A thread that dies fails the
 * requests it held (500) and is replaced.
 */
export class RenderPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly buildEntry: string,
    private readonly threadEntry: string,
    private readonly onConsole: (level: "warn" | "error", text: string) => void,
  ) {}

  /** A pool of `size` threads, resolved once every thread has loaded the build. */
  static async start(options: {
    buildEntry: string;
    size: number;
    /** The threads' program (tests give one of their own); RENDER_THREAD_ENTRY by default. */
    threadEntry?: string;
    onConsole?: (level: "warn" | "error", text: string) => void;
  }): Promise<RenderPool> {
    const pool = new RenderPool(
      options.buildEntry,
      options.threadEntry ?? RENDER_THREAD_ENTRY,
      options.onConsole ?? ((level, text) => console[level](text)),
    );
    await Promise.all(Array.from({ length: options.size }, () => pool.spawn()));
    return pool;
  }

  get size(): number {
    return this.threads.length;
  }

  /** Requests waiting for a thread, held by each thread now, and answered by each so far (tests, diagnostics). */
  stats(): { waiting: number; held: number[]; served: number[] } {
    return {
      waiting: this.queue.length,
      held: this.threads.map((thread) => thread.jobs.size),
      served: this.threads.map((thread) => thread.served),
    };
  }

  /** Renders the request on a thread; the returned function abandons it (the client went away). */
  render(request: PooledRequest, sink: ResponseSink): () => void {
    if (this.closed) {
      sink.fail(new Error("The render pool is closed."));
      return () => undefined;
    }
    const job: Job = { id: this.nextId++, request, sink, aborted: false };
    this.queue.push(job);
    this.dispatch();
    return () => this.abandon(job);
  }

  async close(): Promise<void> {
    this.closed = true;
    const closing = new Error("The server is shutting down.");
    for (const job of this.queue.splice(0)) job.sink.fail(closing);
    const threads = this.threads.splice(0);
    for (const thread of threads) {
      for (const job of thread.jobs.values()) if (!job.aborted) job.sink.fail(closing);
      thread.jobs.clear();
    }
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): Promise<void> {
    const thread: Thread = {
      worker: new Worker(this.threadEntry, { workerData: { buildEntry: this.buildEntry } }),
      ready: false,
      jobs: new Map(),
      served: 0,
    };
    this.threads.push(thread);
    return new Promise<void>((resolve, reject) => {
      thread.worker.on("message", (message: ThreadMessage) => {
        if (message.type === "ready") {
          thread.ready = true;
          resolve();
          this.dispatch();
        } else this.receive(thread, message);
      });
      thread.worker.on("error", (error) => {
        if (!thread.ready) reject(error);
        this.lose(thread, error);
      });
      thread.worker.on("exit", (code) => {
        if (!thread.ready) reject(new Error(`A render thread exited with code ${code} while loading the build.`));
        this.lose(thread, new Error(`A render thread exited with code ${code}.`));
      });
    });
  }

  private receive(thread: Thread, message: Exclude<ThreadMessage, { type: "ready" }>): void {
    if (message.type === "console") return this.onConsole(message.level, message.text);
    const job = thread.jobs.get(message.id);
    if (!job) return;
    if (message.type === "head") {
      if (!job.aborted) job.sink.head(message.status, message.statusText, message.headers);
      return;
    }
    if (message.type === "chunk") {
      if (!job.aborted) job.sink.chunk(message.bytes);
      return;
    }
    thread.jobs.delete(job.id);
    if (message.type === "end") thread.served += 1;
    if (!job.aborted) {
      if (message.type === "end") job.sink.end();
      else job.sink.fail(new Error(message.message));
    }
    this.dispatch();
  }

  /** A thread that died: its requests fail, and a new thread takes its place (unless the pool is closing). */
  private lose(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index === -1) return;
    this.threads.splice(index, 1);
    for (const job of thread.jobs.values()) if (!job.aborted) job.sink.fail(error);
    thread.jobs.clear();
    if (!this.closed && thread.ready) {
      this.spawn().catch((spawnError: Error) =>
        this.onConsole("error", `A render thread failed to start: ${spawnError.message}`),
      );
    }
    if (this.threads.length === 0) {
      for (const job of this.queue.splice(0)) job.sink.fail(error);
    }
  }

  private abandon(job: Job): void {
    if (job.aborted) return;
    job.aborted = true;
    const waiting = this.queue.indexOf(job);
    if (waiting !== -1) return void this.queue.splice(waiting, 1);
    for (const thread of this.threads) {
      if (thread.jobs.has(job.id)) thread.worker.postMessage({ type: "abort", id: job.id });
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let best: Thread | null = null;
      for (const thread of this.threads) {
        if (thread.ready && thread.jobs.size < PER_THREAD && (!best || thread.jobs.size < best.jobs.size))
          best = thread;
      }
      if (!best) return;
      const job = this.queue.shift()!;
      best.jobs.set(job.id, job);
      best.worker.postMessage({ type: "request", id: job.id, ...job.request });
    }
  }
}
