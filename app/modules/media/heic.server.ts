// HEIC/HEIF (what iPhones send): sharp's prebuilt libvips cannot decode it, so libheif compiled to WebAssembly
// (npm libheif-js, the decoder under heic-decode) does. It runs in a worker thread, because a 12 MP HEIC takes
// the better part of a second of WebAssembly that would otherwise stop the web process from answering anyone.
// The decoder applies the image's own transforms (irot/imir), so the pixels come out upright.
//
// Memory: the decoded photo (36 MB of RGB for 12 MP) is never copied. It stays in the decoder's own memory, sharp
// reads it there and shrinks it to the display size in the same thread, and only that (about 6 MB) crosses to
// the caller. Decodes in the thread run one at a time, so the decoder's memory holds one decoded photo at most:
// two at once would grow it for as long as the thread lives.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

export interface DecodedHeic {
  /** Upright size of the photo as decoded. */
  width: number;
  height: number;
  /** The photo shrunk to fit inside `displaySize` (never enlarged): RGB, 3 bytes a pixel. */
  display: { width: number; height: number; data: Buffer };
}

// Plain CommonJS run with `eval`: the server bundle has no separate file to start a worker from. The thread
// lowers its own priority first (on Linux a nice value is a thread's own), so a decode yields the cores to the
// web requests whenever they need them.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
try {
  require("node:os").setPriority(workerData.nice);
} catch {}
const libheif = require(workerData.libheifPath);
const sharp = require(workerData.sharpPath);
sharp.cache(false);

async function decode({ buffer, maxPixels, displaySize }) {
  await libheif.ready;
  const decoder = new libheif.HeifDecoder();
  let images = [];
  try {
    images = decoder.decode(Buffer.from(buffer));
    const image = images.find((candidate) => candidate.is_primary()) || images[0];
    if (!image) throw new Error("no image in the HEIF container");
    const width = image.get_width();
    const height = image.get_height();
    if (width * height > maxPixels) return { tooManyPixels: true, width, height };
    const decoded = await libheif.heif_js_decode_image2(
      image.handle,
      libheif.heif_colorspace.heif_colorspace_RGB,
      libheif.heif_chroma.heif_chroma_interleaved_RGB,
    );
    if (!decoded || decoded.code) throw new Error((decoded && decoded.message) || "the image could not be decoded");
    try {
      const plane = decoded.channels.find((channel) => channel.id === libheif.heif_channel.heif_channel_interleaved);
      if (!plane) throw new Error("the decoder gave no RGB plane");
      // A view on the decoder's memory, valid until the image is released below. Rows may be padded; sharp
      // wants them packed, so only then are they copied.
      const rowBytes = plane.width * 3;
      let pixels = plane.data;
      if (plane.stride !== rowBytes) {
        pixels = new Uint8Array(rowBytes * plane.height);
        for (let y = 0; y < plane.height; y++)
          pixels.set(plane.data.subarray(y * plane.stride, y * plane.stride + rowBytes), y * rowBytes);
      }
      // The size that fits inside displaySize, never enlarged (as fitInside in photo.server.ts).
      const scale = Math.min(1, displaySize / Math.max(plane.width, plane.height));
      const target = {
        width: Math.max(1, Math.round(plane.width * scale)),
        height: Math.max(1, Math.round(plane.height * scale)),
      };
      const display = await sharp(pixels, { raw: { width: plane.width, height: plane.height, channels: 3 } })
        .resize(target.width, target.height, { fit: "fill" })
        .raw()
        .toBuffer({ resolveWithObject: true });
      return {
        width: plane.width,
        height: plane.height,
        display: { width: display.info.width, height: display.info.height, data: display.data },
      };
    } finally {
      libheif.heif_image_release(decoded.image);
    }
  } finally {
    for (const image of images) image.free();
    if (decoder.decoder) decoder.decoder.delete();
  }
}

let queue = Promise.resolve();
parentPort.on("message", (message) => {
  queue = queue.then(async () => {
    try {
      const result = await decode(message);
      const data = result.display && new Uint8Array(result.display.data.buffer, result.display.data.byteOffset, result.display.data.byteLength);
      parentPort.postMessage({ id: message.id, ...result, display: result.display && { ...result.display, data } }, data ? [data.buffer] : []);
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: String((error && error.message) || error) });
    }
  });
});
`;

/** How much lower than the web process the decoder thread runs (0 to 19; 19 is the lowest). */
const HEIC_DECODE_NICE = 10;

type Pending = { resolve: (value: DecodedHeic | "too_many_pixels") => void; reject: (error: Error) => void };

interface WorkerAnswer {
  id: number;
  error?: string;
  tooManyPixels?: boolean;
  width: number;
  height: number;
  display?: { width: number; height: number; data: Uint8Array };
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();
let idleTimer: NodeJS.Timeout | null = null;

/**
 * The decoder's WebAssembly memory grows to about a hundred MB with a 12 MP photo and is never given back while
 * the thread lives: the thread is ended after it has had nothing to do for a while, and a new one starts with
 * the next HEIC.
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
    workerData: {
      libheifPath: require.resolve("libheif-js/wasm-bundle"),
      sharpPath: require.resolve("sharp"),
      nice: HEIC_DECODE_NICE,
    },
  });
  created.unref();
  created.on("message", (message: WorkerAnswer) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (pending.size === 0) {
      idleTimer = setTimeout(retireWorker, RETIRE_AFTER_IDLE_MS);
      idleTimer.unref();
    }
    if (message.error) waiting.reject(new Error(`HEIC decode failed: ${message.error}`));
    else if (message.tooManyPixels) waiting.resolve("too_many_pixels");
    else if (!message.display) waiting.reject(new Error("HEIC decode failed: no pixels came back"));
    else {
      // A view on the transferred memory, not a copy.
      const { data, width, height } = message.display;
      waiting.resolve({
        width: message.width,
        height: message.height,
        display: { width, height, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      });
    }
  });
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

/**
 * Decodes the primary image of a HEIC/HEIF file and shrinks it to fit inside `displaySize` pixels;
 * "too_many_pixels" when its declared size is over `maxPixels` (checked before anything is decoded).
 */
export function decodeHeic(
  buffer: Buffer,
  limits: { maxPixels: number; displaySize: number },
): Promise<DecodedHeic | "too_many_pixels"> {
  const id = nextId++;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // A copy the worker may own: the caller's buffer may be a slice of a pooled one.
    const copy = new Uint8Array(buffer);
    heicWorker().postMessage({ id, buffer: copy, ...limits }, [copy.buffer]);
  });
}
