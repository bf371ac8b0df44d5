// The web server's Remix requests start in arrival order, one per turn of the event loop (scripts/server.ts).

/**
 * Requests start in the order they arrived, one per turn of the event loop. Rendering a page is mostly synchronous
 * work (on SQLite the loaders' statements are too), so without this every request node read in one poll of the
 * sockets ran back to back, and a request that arrived meanwhile waited for that whole batch and then for its
 * place in the next, in no particular order: under 20 busy connections a page took anything from one to two
 * batches (p50 180 ms, p99 400 ms, the event loop blocked ~200 ms at a time). Started one per turn, each request
 * lets the loop read the sockets again before the next starts, so new arrivals queue behind the earlier ones and
 * webhook deliveries (answered outside Remix) wait for at most one render. A request waiting on real I/O
 * (PostgreSQL, the Admin API) does not hold the next one back: only the starts are in turn.
 */
export class ArrivalOrder {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves when this request may start. */
  turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.startNext);
      }
    });
  }

  private readonly startNext = (): void => {
    this.waiting.shift()?.();
    // Scheduled from the check phase, the next start comes after the loop has polled the sockets again.
    if (this.waiting.length > 0) setImmediate(this.startNext);
    else this.scheduled = false;
  };
}
