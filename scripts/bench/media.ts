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
// uploads in flight: a web process's memory is what an operator sizes. The bench process's own peak during
// step 3 is printed too (it also holds the generated files and what making them left allocated).
// The last line is exactly:
//   media: <N> photos/s p95=<X>ms ratio_to_sharp=<R> peak_rss=<M>MB healthz_p99=<H>ms
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { z } from "zod";
import { freePort, stopChild } from "./child-processes";

// Nothing from app/ is imported statically: the app's modules read DATABASE_URL and MEDIA_DIR when they load.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const OptionsSchema = z.object({
  "per-type": z.coerce.number().int().min(1).max(50).default(6),
  duration: z.coerce.number().int().min(5).max(600).default(20),
  "in-flight": z.coerce.number().int().min(1).max(50).default(10),
});
const { values } = parseArgs({
  options: { "per-type": { type: "string" }, duration: { type: "string" }, "in-flight": { type: "string" } },
});
const options = OptionsSchema.parse(values);

const SECRET = "bench-media-secret";
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

  // The limit: the same work with nothing around it.
  const bareStarted = performance.now();
  await runPool(onDisk, slots, async (file) => {
    let display: sharp.Sharp;
    if (file.kind === "heic") {
      const decoded = await decodeHeic(file.bytes, 100_000_000);
      if (decoded === "too_many_pixels") throw new Error("unexpected");
      display = sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
    } else {
      display = sharp(file.path).rotate();
    }
    const big = await display.resize(1600, 1600, { fit: "inside" }).webp({ quality: 80, effort: 2 }).toBuffer();
    await sharp(big).resize(320, 320, { fit: "inside" }).webp({ quality: 72, effort: 2 }).toBuffer();
  });
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  const bareRate = onDisk.length / bareSeconds;
  console.log(`limit (bare decode + resize + WebP, ${slots} at a time): ${bareRate.toFixed(2)} photos/s`);

  // The intake, with twice as many callers as decode slots. Its own peak: making the files and the limit's run
  // are not the intake's memory, so the kernel's high-water mark is reset first (clear_refs 5).
  writeFileSync("/proc/self/clear_refs", "5");
  const intakeStarted = performance.now();
  const intakeLatencies = await runPool(onDisk, slots * 2, async (file) => {
    const result = await intakeReviewMedia(SHOP, [
      { field: "photos[1]", fileName: file.name, path: file.path, bytes: file.bytes.length, refusal: null },
    ]);
    if (result.stored.length !== 1) throw new Error(`intake refused ${file.name}: ${JSON.stringify(result.refused)}`);
  });
  const intakeSeconds = (performance.now() - intakeStarted) / 1000;
  const intakeRate = onDisk.length / intakeSeconds;
  const intakeP95 = percentile(intakeLatencies, 95);
  const ownPeak = peakRssMb("self");
  console.log(
    `intake: ${intakeRate.toFixed(2)} photos/s, p95 ${intakeP95.toFixed(0)} ms per photo, this process peaked at ${ownPeak.toFixed(0)} MB`,
  );

  // A running app under upload load, timing /healthz.
  const { app, healthzP99, uploads, statuses } = await uploadLoad(onDisk);
  console.log(
    `app under ${options["in-flight"]} uploads in flight for ${options.duration}s: ${uploads} uploads (statuses ${JSON.stringify(statuses)}), app peak ${app.peakMb.toFixed(0)} MB, /healthz p99 ${healthzP99.toFixed(1)} ms`,
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

async function uploadLoad(files: { name: string; bytes: Buffer }[]) {
  const { createReviewRequestsForBench } = await import("./media-requests");
  const tokens = await createReviewRequestsForBench(SHOP, 1_000);
  const { ensureAppBuild } = await import("../server");
  ensureAppBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startApp(port);
  try {
    await waitForHealth(url);
    let running = true;
    const statuses: Record<string, number> = {};
    let uploads = 0;
    let nextToken = 0;
    const uploader = async () => {
      while (running) {
        const token = tokens[nextToken++ % tokens.length];
        const file = files[nextToken % files.length];
        const form = new FormData();
        form.append("rating[1001]", "5");
        form.append("displayName", "Bench B.");
        form.append("photos[1001]", new Blob([new Uint8Array(file.bytes)]), file.name);
        // ?index: the form's own action (the review page is an index route).
        try {
          const response = await fetch(`${url}/r/${token}?index`, { method: "POST", body: form, redirect: "manual" });
          await response.arrayBuffer();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status === 302) uploads += 1;
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code ?? "error";
          statuses[code] = (statuses[code] ?? 0) + 1;
        }
      }
    };
    const healthz: number[] = [];
    const prober = async () => {
      while (running) {
        const started = performance.now();
        const response = await fetch(`${url}/healthz`);
        await response.arrayBuffer();
        healthz.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const workers = [...Array.from({ length: options["in-flight"] }, uploader), prober()];
    await new Promise((r) => setTimeout(r, options.duration * 1000));
    running = false;
    await Promise.all(workers);
    healthz.sort((a, b) => a - b);
    return { app: { peakMb: peakRssMb(child.pid as number) }, healthzP99: percentile(healthz, 99), uploads, statuses };
  } finally {
    await stopChild(child);
  }
}

function startApp(port: number): ChildProcess {
  const require = createRequire(import.meta.url);
  const tsx = require.resolve("tsx/cli");
  const child = spawn(process.execPath, [tsx, "scripts/server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
      MEDIA_DIR: path.join(scratch, "media-app"),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return child;
}

async function waitForHealth(url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      // /healthz answers before the Remix build is mounted; the review page answers once it is.
      const page = await fetch(`${url}/r/not-a-token`);
      if (page.status === 404 || page.status === 410) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not start at ${url}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(scratch, { recursive: true, force: true }));
