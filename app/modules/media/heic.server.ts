// HEIC/HEIF (what iPhones send): sharp's prebuilt libvips cannot decode it, so the npm decoder (heic-decode,
// libheif compiled to JavaScript) does. It runs in a worker thread, because a 12 MP HEIC takes the better part
// of a second of pure JavaScript that would otherwise stop the web process from answering anyone. The
// decoder applies the image's own transforms (irot/imir), so the pixels come out upright.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

export interface DecodedHeic {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Buffer;
}

// Plain CommonJS run with `eval`: the server bundle has no separate file to start a worker from. The thread
// lowers its own priority first (on Linux a nice value is a thread's own), so a decode yields the cores to the
// web requests whenever they need them.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
try {
  require("node:os").setPriority(workerData.nice);
} catch {}
const decode = require(workerData.decoderPath);
parentPort.on("message", async ({ id, buffer, maxPixels }) => {
  try {
    const input = Buffer.from(buffer);
    const images = await decode.all({ buffer: input });
    try {
      const image = images[0];
      if (!image) throw new Error("no image in the HEIF container");
      if (image.width * image.height > maxPixels) {
        parentPort.postMessage({ id, tooManyPixels: true, width: image.width, height: image.height });
        return;
      }
      const { data, width, height } = await image.decode();
      const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      parentPort.postMessage({ id, width, height, data: pixels }, [pixels.buffer]);
    } finally {
      images.dispose();
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

/** How much lower than the web process the decoder thread runs (0 to 19; 19 is the lowest). */
const HEIC_DECODE_NICE = 10;

type Pending = { resolve: (value: DecodedHeic | "too_many_pixels") => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();
let idleTimer: NodeJS.Timeout | null = null;

/**
 * A decode grows the decoder's WebAssembly memory to a couple of hundred MB, which it never gives back: the
 * thread is ended after it has had nothing to do for a while, and a new one starts with the next HEIC.
 */
const RETIRE_AFTER_IDLE_MS = 10_000;

function retireWorker(): void {
  idleTimer = null;
  const idle = worker;
  worker = null;
  if (!idle) return;
  idle.removeAllListeners("exit");
  idle.removeAllListeners("error");
  void idle.terminate();
}

function heicWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { decoderPath: require.resolve("heic-decode"), nice: HEIC_DECODE_NICE },
  });
  created.unref();
  created.on(
    "message",
    (message: {
      id: number;
      error?: string;
      tooManyPixels?: boolean;
      width: number;
      height: number;
      data?: Uint8Array;
    }) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (pending.size === 0) {
        idleTimer = setTimeout(retireWorker, RETIRE_AFTER_IDLE_MS);
        idleTimer.unref();
      }
      if (message.error) waiting.reject(new Error(`HEIC decode failed: ${message.error}`));
      else if (message.tooManyPixels) waiting.resolve("too_many_pixels");
      else {
        // A view on the transferred memory, not a copy (48 MB for a 12 MP photo).
        const pixels = message.data as Uint8Array;
        waiting.resolve({
          width: message.width,
          height: message.height,
          data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength),
        });
      }
    },
  );
  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    if (worker === created) worker = null;
  };
  created.on("error", failAll);
  created.on("exit", (code) => failAll(new Error(`the HEIC decoder thread exited (${code})`)));
  worker = created;
  return created;
}

/** Decodes the first image of a HEIC/HEIF file; "too_many_pixels" when its declared size is over the limit. */
export function decodeHeic(buffer: Buffer, maxPixels: number): Promise<DecodedHeic | "too_many_pixels"> {
  const id = nextId++;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // A copy the worker may own: the caller's buffer may be a slice of a pooled one.
    const copy = new Uint8Array(buffer);
    heicWorker().postMessage({ id, buffer: copy, maxPixels }, [copy.buffer]);
  });
}
