// Decoding a phone photo takes tens of megabytes and a core for a moment; a burst of uploads must not decode
// them all at once. One process-wide queue: at most `size` decodes run, the rest wait their turn in order.
import os from "node:os";

export class DecodeSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`DecodeSlots needs a whole number >= 1, got ${size}`);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `running` never drops below what is in use.
      if (next) next();
      else this.running -= 1;
    }
  }

  get inUse(): number {
    return this.running;
  }
}

/**
 * MEDIA_DECODE_CONCURRENCY, else one less than the machine's cores (at least one, at most four): one core is
 * left to the web process's event loop, so pages and /healthz answer while photos are decoded. Each decode
 * runs libvips on one thread (photo.server.ts), so this is also how many cores decoding takes.
 */
export function decodeConcurrency(
  env: Record<string, string | undefined> = process.env,
  cores: number = os.availableParallelism(),
): number {
  const value = Number(env.MEDIA_DECODE_CONCURRENCY ?? "");
  if (Number.isInteger(value) && value >= 1 && value <= 64) return value;
  return Math.min(4, Math.max(1, cores - 1));
}
