// `npm run bench:media [-- --per-type 6 --duration 20 --in-flight 10]` (issue 10, item 6).
// 1. Makes phone-sized photos: 12 MP JPEGs with EXIF (GPS, camera, orientation 6), 12 MP PNGs, and the 12 MP
//    HEIC in tests/fixtures/media/phone-12mp.heic (made with Debian's heif-enc from a generated scene; the
//    machine has no HEIC encoder at run time).
// 2. The limit: a bare decode + resize + WebP encode of the same files, producing the same two sizes the
//    intake stores (sharp; HEIC decoded by the same npm decoder, as sharp cannot), at the intake's decode
//    concurrency. Measured first, right before the intake, so both see the machine in the same state.
// 3. The intake (app/modules/media: sniff, limits, orient, strip, two WebP sizes, store on local disk) over
//    the same files with more callers than decode slots, as a busy web process would run it.
// 4. A running app (scripts/server.ts on its own SQLite file) with `--in-flight` review-form uploads in flight
//    at all times (real multipart posts to /r/:token with a 12 MP photo each) while /healthz is timed.
// peak_rss is the app process's peak resident memory (VmHWM) over its whole life, which includes serving the
// uploads in flight: a web process's memory is what an operator sizes. The app runs with the environment
// `npm start` sets (MALLOC_ARENA_MAX), so what is measured is what production runs. The bench process's own peak
// during step 3 is printed too (it also holds the generated files and what making them left allocated).
// The last line is exactly:
//   media: <N> photos/s p95=<X>ms ratio_to_sharp=<R> peak_rss=<M>MB healthz_p99=<H>ms
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import sharp from "sharp";
import { z } from "zod";
import { freePort, stopChild } from "./child-processes";

// Nothing from app/ is imported statically: the app's modules read DATABASE_URL and MEDIA_DIR when they load.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const OptionsSchema = z.object({
  "per-type": z.coerce.number().int().min(1).max(50).default(6),
  duration: z.coerce.number().int().min(5).max(600).default(20),
  "in-flight": z.coerce.number().int().min(1).max(50).default(10),
  /** The app's port; a free one when not given. */
  port: z.coerce.number().int().min(1).max(65_535).optional(),
});
const { values } = parseArgs({
  options: {
    "per-type": { type: "string" },
    duration: { type: "string" },
    "in-flight": { type: "string" },
    port: { type: "string" },
  },
});
const options = OptionsSchema.parse(values);

const SECRET = "bench-media-secret";
/** Turns of limit-then-intake over the files. */
const TURNS = 2;
const IDLE_PROBE_SECONDS = 5;
const SHOP = "bench-media.myshopify.com";
const WIDTH = 4032;
const HEIGHT = 3024;

const scratch = mkdtempSync(path.join(os.tmpdir(), "kundrost-bench-media-"));
const databaseUrl = `file:${path.join(scratch, "bench.sqlite")}`;
// Before the app's modules load: they read these once.
Object.assign(process.env, {
  NODE_ENV: "production",
  KUNDROST_DEMO: "",
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: "bench-api-key",
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: "http://127.0.0.1",
  MEDIA_DIR: path.join(scratch, "media-intake"),
  LOG_LEVEL: "warn",
});

interface BenchFile {
  name: string;
  bytes: Buffer;
  kind: "jpeg" | "png" | "heic";
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function sceneSvg(variant: number): string {
  const hue = (variant * 47) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
<defs><linearGradient id="a" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},40%,85%)"/><stop offset="1" stop-color="hsl(${hue},25%,45%)"/></linearGradient>
<radialGradient id="b"><stop offset="0" stop-color="#f5d7a1"/><stop offset="1" stop-color="#7b4b2a"/></radialGradient></defs>
<rect width="100%" height="100%" fill="url(#a)"/><rect y="${HEIGHT * 0.55}" width="100%" height="${HEIGHT * 0.45}" fill="#6b5240"/>
<circle cx="${WIDTH * (0.3 + (variant % 5) * 0.1)}" cy="${HEIGHT * 0.5}" r="${HEIGHT * 0.28}" fill="url(#b)"/>
<rect x="${WIDTH * 0.08}" y="${HEIGHT * 0.15}" width="${WIDTH * 0.2}" height="${HEIGHT * 0.5}" rx="60" fill="#2f4f4f" fill-opacity="0.8"/></svg>`;
}

async function makeFiles(): Promise<BenchFile[]> {
  const files: BenchFile[] = [];
  const heic = readFileSync(path.join(ROOT, "tests", "fixtures", "media", "phone-12mp.heic"));
  for (let i = 0; i < options["per-type"]; i++) {
    const base = await sharp(Buffer.from(sceneSvg(i)))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Sensor noise, so the JPEG costs what a phone's does to decode (a few MB, not a flat drawing's few KB).
    const noisy = Buffer.from(base.data);
    let state = 12_345 + i;
    for (let p = 0; p < noisy.length; p++) {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      noisy[p] = Math.max(0, Math.min(255, noisy[p] + ((state >>> 24) % 17) - 8));
    }
    const raw = { raw: { width: WIDTH, height: HEIGHT, channels: 3 as const } };
    const jpeg = await sharp(noisy, raw)
      .withExif({
        IFD0: { Make: "Apple", Model: "iPhone 15" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: `59/1 ${19 + i}/1 4521/100`,
          GPSLongitudeRef: "E",
          GPSLongitude: "18/1 4/1 1234/100",
        },
      })
      .withMetadata({ orientation: i % 2 ? 6 : 1 })
      .jpeg({ quality: 90 })
      .toBuffer();
    const png = await sharp(base.data, raw).png({ compressionLevel: 6 }).toBuffer();
    files.push(
      { name: `IMG_${i}.JPG`, bytes: jpeg, kind: "jpeg" },
      { name: `IMG_${i}.PNG`, bytes: png, kind: "png" },
      { name: `IMG_${i}.HEIC`, bytes: heic, kind: "heic" },
    );
  }
  return files;
}

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const started = performance.now();
        await work(item);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

function peakRssMb(pid: number | "self"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main(): Promise<void> {
  const { migrateDatabase } = await import("../../app/db-migrate.server");
  await migrateDatabase(databaseUrl);
  const { intakeReviewMedia, decodeConcurrency, decodeHeic } = await import("../../app/modules/media");

  console.log(`bench: ${options["per-type"]} each of 12 MP JPEG (EXIF, GPS), PNG, HEIC; load ${cat("/proc/loadavg")}`);
  const files = await makeFiles();
  for (const kind of ["jpeg", "png", "heic"] as const) {
    const sizes = files.filter((f) => f.kind === kind).map((f) => f.bytes.length);
    console.log(`  ${kind}: ${(sizes.reduce((a, b) => a + b, 0) / sizes.length / 1e6).toFixed(2)} MB average`);
  }
  const onDisk = files.map((file, i) => {
    const target = path.join(scratch, `in-${i}-${file.name}`);
    writeFileSync(target, file.bytes);
    return { ...file, path: target };
  });
  const slots = decodeConcurrency();

  // The limit: the same work with nothing around it. The intake: with twice as many callers as decode slots, as a
  // busy web process runs it. Measured in turns (limit, intake, limit, intake) so a change in the machine's load
  // during the run falls on both alike.
  const bare = async (file: (typeof onDisk)[number]) => {
    if (file.kind === "heic") {
      // The npm decoder in its thread, shrinking to 1600 px there (sharp cannot decode HEIC), then the two WebPs.
      const decoded = await decodeHeic(file.bytes, { maxPixels: 100_000_000, displaySize: 1600 });
      if (decoded === "too_many_pixels") throw new Error("unexpected");
      const { width, height, data } = decoded.display;
      const raw = { raw: { width, height, channels: 3 as const } };
      await sharp(data, raw).webp({ quality: 80, effort: 2 }).toBuffer();
      await sharp(data, raw).resize(320, 320, { fit: "inside" }).webp({ quality: 72, effort: 2 }).toBuffer();
      return;
    }
    const display = sharp(file.path).rotate();
    const big = await display.resize(1600, 1600, { fit: "inside" }).webp({ quality: 80, effort: 2 }).toBuffer();
    await sharp(big).resize(320, 320, { fit: "inside" }).webp({ quality: 72, effort: 2 }).toBuffer();
  };
  const intake = async (file: (typeof onDisk)[number]) => {
    const result = await intakeReviewMedia(SHOP, [
      { field: "photos[1]", fileName: file.name, path: file.path, bytes: file.bytes.length, refusal: null },
    ]);
    if (result.stored.length !== 1) throw new Error(`intake refused ${file.name}: ${JSON.stringify(result.refused)}`);
  };
  let bareSeconds = 0;
  let intakeSeconds = 0;
  let ownPeak = 0;
  const intakeLatencies: number[] = [];
  for (let turn = 0; turn < TURNS; turn++) {
    const bareStarted = performance.now();
    await runPool(onDisk, slots, bare);
    bareSeconds += (performance.now() - bareStarted) / 1000;
    // The intake's own peak: making the files and the limit's runs are not its memory, so the kernel's high-water
    // mark is reset first (clear_refs 5).
    writeFileSync("/proc/self/clear_refs", "5");
    const intakeStarted = performance.now();
    intakeLatencies.push(...(await runPool(onDisk, slots * 2, intake)));
    intakeSeconds += (performance.now() - intakeStarted) / 1000;
    ownPeak = Math.max(ownPeak, peakRssMb("self"));
  }
  intakeLatencies.sort((a, b) => a - b);
  const bareRate = (TURNS * onDisk.length) / bareSeconds;
  const intakeRate = (TURNS * onDisk.length) / intakeSeconds;
  const intakeP95 = percentile(intakeLatencies, 95);
  console.log(`limit (bare decode + resize + WebP, ${slots} at a time): ${bareRate.toFixed(2)} photos/s`);
  console.log(
    `intake: ${intakeRate.toFixed(2)} photos/s, p95 ${intakeP95.toFixed(0)} ms per photo, this process peaked at ${ownPeak.toFixed(0)} MB`,
  );
  console.log(`load: ${cat("/proc/loadavg")}`);

  // A running app under upload load, timing /healthz.
  const { app, healthzP99, healthzCount, uploadP95, uploads } = await uploadLoad(onDisk);
  console.log(
    `app under ${options["in-flight"]} uploads in flight for ${options.duration}s: ${uploads} reviews saved with their photo (${(uploads / options.duration).toFixed(2)}/s, p95 ${uploadP95.toFixed(0)} ms each), app peak ${app.peakMb.toFixed(0)} MB, /healthz p99 ${healthzP99.toFixed(1)} ms over ${healthzCount} probes`,
  );
  console.log(`load after: ${cat("/proc/loadavg")}`);

  const peak = app.peakMb;
  console.log(
    `media: ${intakeRate.toFixed(2)} photos/s p95=${Math.round(intakeP95)}ms ratio_to_sharp=${(intakeRate / bareRate).toFixed(2)} peak_rss=${Math.round(peak)}MB healthz_p99=${healthzP99.toFixed(1)}ms`,
  );
}

function cat(file: string): string {
  return readFileSync(file, "utf8").trim();
}

/** One review form as the review page posts it (multipart, a photo in the product's field), encoded once. */
function reviewForm(file: { name: string; bytes: Buffer }, productId: string): { body: Buffer; contentType: string } {
  const boundary = `----kundrostbench${file.name.replace(/\W/g, "")}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    field(`rating[${productId}]`, "5") +
    field(`body[${productId}]`, "Warm and well made; the photo shows the colour.") +
    field("displayName", "Bench B.") +
    `--${boundary}\r\nContent-Disposition: form-data; name="photos[${productId}]"; filename="${file.name}"\r\n` +
    "Content-Type: application/octet-stream\r\n\r\n";
  return {
    body: Buffer.concat([Buffer.from(head), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** POSTs a review form to the review page (the index route's own action), as a browser does. */
function postReviewForm(
  agent: http.Agent,
  url: string,
  token: string,
  form: { body: Buffer; contentType: string },
): Promise<{ status: number; location: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/r/${token}?index`, {
      method: "POST",
      agent,
      headers: { "Content-Type": form.contentType, "Content-Length": String(form.body.length), Origin: url },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? "") }));
    });
    req.on("error", reject);
    req.end(form.body);
  });
}

// /healthz is timed from a thread of its own: the uploads' client work (this process's event loop) must not
// show up as the app's latency.
const PROBER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { performance } = require("node:perf_hooks");
let running = true;
parentPort.once("message", () => { running = false; });
(async () => {
  const latencies = [];
  let failures = 0;
  while (running) {
    const started = performance.now();
    try {
      const response = await fetch(workerData.url + "/healthz");
      await response.arrayBuffer();
      if (response.status !== 200) failures += 1;
    } catch {
      failures += 1;
    }
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  parentPort.postMessage({ latencies, failures });
})();
`;

function startHealthzProber(url: string): { stop(): Promise<{ latencies: number[]; failures: number }> } {
  const worker = new Worker(PROBER_SOURCE, { eval: true, workerData: { url } });
  const result = new Promise<{ latencies: number[]; failures: number }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    async stop() {
      worker.postMessage("stop");
      const found = await result;
      await worker.terminate();
      return found;
    },
  };
}

async function uploadLoad(files: BenchFile[]) {
  const { createReviewRequestsForBench, benchReviewPhotos, BENCH_PRODUCT_ID } = await import("./media-requests");
  const tokens = await createReviewRequestsForBench(SHOP, 2_000);
  const { ensureAppBuild } = await import("../server");
  ensureAppBuild();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = startApp(port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options["in-flight"] });
  try {
    await waitForApp(url, tokens[0], child);
    const forms = files.map((file) => ({ kind: file.kind, form: reviewForm(file, BENCH_PRODUCT_ID) }));
    let nextToken = 0;

    // Before any figure: one upload of each kind must be saved with its photo, or the figures mean nothing.
    for (const kind of ["jpeg", "png", "heic"] as const) {
      const { form } = forms.find((item) => item.kind === kind)!;
      const answer = await postReviewForm(agent, url, tokens[nextToken++], form);
      if (answer.status !== 302 || !answer.location.endsWith("/thanks"))
        throw new Error(`the review page did not take a ${kind} upload: ${answer.status} ${answer.location}`);
    }
    const checked = await benchReviewPhotos(SHOP);
    if (checked.reviews !== 3 || checked.ready !== 3)
      throw new Error(`the first uploads did not store their photos: ${JSON.stringify(checked)}`);
    console.log("app: one JPEG, PNG and HEIC upload each saved with its photo");

    // /healthz with nothing else to do, on the machine as it is now: what the uploads add is the difference.
    const idleProber = startHealthzProber(url);
    await new Promise((resolve) => setTimeout(resolve, IDLE_PROBE_SECONDS * 1000));
    const idle = await idleProber.stop();
    idle.latencies.sort((a, b) => a - b);
    console.log(
      `app idle: /healthz p99 ${percentile(idle.latencies, 99).toFixed(1)} ms over ${idle.latencies.length} probes; load ${cat("/proc/loadavg")}`,
    );

    const prober = startHealthzProber(url);
    let running = true;
    const statuses: Record<string, number> = {};
    const uploadLatencies: number[] = [];
    let uploads = 0;
    const uploader = async () => {
      while (running) {
        const token = tokens[nextToken++ % tokens.length];
        const { form } = forms[nextToken % forms.length];
        const started = performance.now();
        try {
          const answer = await postReviewForm(agent, url, token, form);
          const accepted = answer.status === 302 && answer.location.endsWith("/thanks");
          const key = accepted ? "302" : `${answer.status} ${answer.location}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
          if (accepted) {
            uploads += 1;
            uploadLatencies.push(performance.now() - started);
          }
        } catch (error) {
          const code = (error as { code?: string }).code ?? "error";
          statuses[code] = (statuses[code] ?? 0) + 1;
        }
      }
    };
    const workers = Array.from({ length: options["in-flight"] }, uploader);
    await new Promise((resolve) => setTimeout(resolve, options.duration * 1000));
    running = false;
    await Promise.all(workers);
    const healthz = await prober.stop();
    const stored = await benchReviewPhotos(SHOP);
    const failed = Object.entries(statuses).filter(([status]) => status !== "302");
    if (failed.length > 0 || healthz.failures > 0 || stored.ready !== uploads + 3)
      throw new Error(
        `uploads under load failed, so the figures are not valid: ${JSON.stringify({ statuses, healthzFailures: healthz.failures, stored })}`,
      );
    healthz.latencies.sort((a, b) => a - b);
    uploadLatencies.sort((a, b) => a - b);
    return {
      app: { peakMb: peakRssMb(child.pid as number) },
      healthzP99: percentile(healthz.latencies, 99),
      healthzCount: healthz.latencies.length,
      uploadP95: percentile(uploadLatencies, 95),
      uploads,
    };
  } finally {
    agent.destroy();
    await stopChild(child);
  }
}

/**
 * The environment `npm start` gives the web process (its leading `NAME=${NAME:-default}` assignments: glibc's
 * MALLOC_ARENA_MAX), so the process measured is the one production runs. An operator's own value wins, as there.
 */
function startScriptEnv(): Record<string, string> {
  const manifest = z
    .object({ scripts: z.object({ start: z.string() }) })
    .parse(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")));
  const assignment = /^([A-Z_][A-Z0-9_]*)=\$\{\1:-([^}\s]*)\}\s+/;
  const env: Record<string, string> = {};
  let rest = manifest.scripts.start;
  for (let found = assignment.exec(rest); found; found = assignment.exec(rest)) {
    env[found[1]] = process.env[found[1]] ?? found[2];
    rest = rest.slice(found[0].length);
  }
  if (rest !== "tsx scripts/server.ts")
    throw new Error(`npm start runs "${rest}", not the web process (scripts/server.ts) this bench starts`);
  return env;
}

function startApp(port: number): ChildProcess {
  // node itself with tsx's loader (not the tsx CLI, which would run the app in a grandchild): the pid measured is
  // the web process's.
  const startEnv = startScriptEnv();
  console.log(
    `app: started with the environment npm start gives it: ${Object.entries(startEnv)
      .map(([name, value]) => `${name}=${value}`)
      .join(" ")}`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...startEnv,
      PORT: String(port),
      SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
      MEDIA_DIR: path.join(scratch, "media-app"),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return child;
}

/** Until the app answers the review page of a real link (the Remix build is mounted and the link is good). */
async function waitForApp(url: string, token: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The app exited (${child.exitCode}) before it answered`);
    try {
      const page = await fetch(`${url}/r/${token}`);
      await page.arrayBuffer();
      if (page.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app at ${url} did not answer a review link`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(scratch, { recursive: true, force: true }));
