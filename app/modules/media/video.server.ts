// Video with Debian's ffmpeg: a probe at intake (is it a video, how long) and the transcode the background job
// runs: H.264/AAC MP4, at most 720p, moov atom first (faststart, so phones start playing before the end has
// arrived), every metadata tag and chapter dropped, and a WebP poster frame. The output is then checked, not
// the flags: ffprobe must list no location tag and the file's bytes must hold no QuickTime location atom.
import { spawn } from "node:child_process";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { MEDIA_LIMITS } from "./limits";

export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
}

/** MEDIA_FFMPEG_PATH / MEDIA_FFPROBE_PATH, else the commands on PATH. */
export function videoTools(env: NodeJS.ProcessEnv = process.env): VideoTools {
  return { ffmpeg: env.MEDIA_FFMPEG_PATH || "ffmpeg", ffprobe: env.MEDIA_FFPROBE_PATH || "ffprobe" };
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    // Only the end of ffmpeg's progress chatter is worth keeping.
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-8_000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const availability = new Map<string, Promise<boolean>>();

/** Whether ffmpeg and ffprobe can be run here (asked once per path and process). */
export function videoToolsAvailable(tools: VideoTools = videoTools()): Promise<boolean> {
  const key = `${tools.ffmpeg}\n${tools.ffprobe}`;
  let known = availability.get(key);
  if (!known) {
    known = Promise.all([run(tools.ffmpeg, ["-version"], 10_000), run(tools.ffprobe, ["-version"], 10_000)])
      .then(([a, b]) => a.code === 0 && b.code === 0)
      .catch(() => false);
    availability.set(key, known);
  }
  return known;
}

export interface VideoProbe {
  durationMs: number;
  width: number;
  height: number;
  hasAudio: boolean;
  /** Every tag on the container and its streams, lower-cased name -> value. */
  tags: Record<string, string>;
}

interface ProbeJson {
  format?: { duration?: string; tags?: Record<string, string> };
  streams?: {
    codec_type?: string;
    width?: number;
    height?: number;
    duration?: string;
    tags?: Record<string, string>;
    side_data_list?: { rotation?: number }[];
  }[];
}

/** null when ffprobe finds no video stream in the file (it is not a video, or it is damaged). */
export async function probeVideo(file: string, tools: VideoTools = videoTools()): Promise<VideoProbe | null> {
  const result = await run(
    tools.ffprobe,
    ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file],
    30_000,
  );
  if (result.code !== 0) return null;
  const probe = JSON.parse(result.stdout) as ProbeJson;
  const video = probe.streams?.find((stream) => stream.codec_type === "video");
  if (!video?.width || !video.height) return null;
  const seconds = Number(probe.format?.duration ?? video.duration ?? NaN);
  const tags: Record<string, string> = {};
  for (const source of [probe.format?.tags, ...(probe.streams ?? []).map((s) => s.tags)]) {
    for (const [name, value] of Object.entries(source ?? {})) tags[name.toLowerCase()] = value;
  }
  const rotation = Math.abs(video.side_data_list?.find((d) => typeof d.rotation === "number")?.rotation ?? 0);
  const turned = rotation === 90 || rotation === 270;
  return {
    durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0,
    width: turned ? video.height : video.width,
    height: turned ? video.width : video.height,
    hasAudio: Boolean(probe.streams?.some((stream) => stream.codec_type === "audio")),
    tags,
  };
}

export interface TranscodedVideo {
  mp4: string;
  poster: Buffer;
  width: number;
  height: number;
  durationMs: number;
  bytes: number;
}

// Tags ffmpeg's MP4 muxer writes itself; nothing else may be in the output.
const ALLOWED_OUTPUT_TAGS = new Set([
  "major_brand",
  "minor_version",
  "compatible_brands",
  "handler_name",
  "vendor_id",
  "language",
  "encoder",
]);
// QuickTime and 3GPP location atoms and keys, as bytes in the file.
const LOCATION_MARKERS = ["\u00a9xyz", "ISO6709", "com.apple.quicktime.location", "loci"].map((text) =>
  Buffer.from(text, "latin1"),
);

export class VideoLocationLeakError extends Error {}

/** Transcodes `input` into `outDir` and checks the result. Throws when ffmpeg fails or a location survives. */
export async function transcodeVideo(
  input: string,
  outDir: string,
  tools: VideoTools = videoTools(),
): Promise<TranscodedVideo> {
  const mp4 = path.join(outDir, "video.mp4");
  const short = MEDIA_LIMITS.videoMaxShortSide;
  // Landscape: height at most 720; portrait: width at most 720; never enlarged; even sizes for H.264.
  const scale = `scale='if(gte(iw,ih),-2,min(${short},trunc(iw/2)*2))':'if(gte(iw,ih),min(${short},trunc(ih/2)*2),-2)'`;
  const args = [
    "-hide_banner",
    "-nostdin",
    "-y",
    "-i",
    input,
    "-map",
    "0:v:0",
    "-map",
    "0:a:0?",
    "-map_metadata",
    "-1",
    "-map_metadata:s",
    "-1",
    "-map_chapters",
    "-1",
    "-t",
    String(MEDIA_LIMITS.videoMaxSeconds + 1),
    "-vf",
    scale,
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-crf",
    "26",
    "-pix_fmt",
    "yuv420p",
    "-profile:v",
    "main",
    "-c:a",
    "aac",
    "-b:a",
    "128k",
    "-ac",
    "2",
    "-metadata:s:v",
    "handler_name=",
    "-metadata:s:a",
    "handler_name=",
    "-fflags",
    "+bitexact",
    "-flags:v",
    "+bitexact",
    "-flags:a",
    "+bitexact",
    "-movflags",
    "+faststart",
    "-threads",
    "2",
    mp4,
  ];
  const result = await run(tools.ffmpeg, args, 10 * 60_000);
  if (result.code !== 0)
    throw new Error(`ffmpeg could not transcode the video: ${result.stderr.trim().split("\n").slice(-3).join(" ")}`);

  const probe = await probeVideo(mp4, tools);
  if (!probe) throw new Error("ffmpeg wrote a file ffprobe cannot read");
  await assertNoLocation(mp4, probe);

  const posterPng = path.join(outDir, "poster.png");
  const at = probe.durationMs > 1500 ? "0.5" : "0";
  const frame = await run(
    tools.ffmpeg,
    ["-hide_banner", "-nostdin", "-y", "-ss", at, "-i", mp4, "-frames:v", "1", posterPng],
    60_000,
  );
  if (frame.code !== 0)
    throw new Error(`ffmpeg could not take a poster frame: ${frame.stderr.trim().split("\n").pop()}`);
  const poster = await sharp(posterPng).webp({ quality: 78 }).toBuffer();
  return {
    mp4,
    poster,
    width: probe.width,
    height: probe.height,
    durationMs: probe.durationMs,
    bytes: (await stat(mp4)).size,
  };
}

/** Throws VideoLocationLeakError when the file's tags or bytes still hold a location. */
export async function assertNoLocation(file: string, probe: VideoProbe): Promise<void> {
  const leftover = Object.keys(probe.tags).filter((name) => !ALLOWED_OUTPUT_TAGS.has(name));
  if (leftover.length > 0) throw new VideoLocationLeakError(`metadata survived the transcode: ${leftover.join(", ")}`);
  const marker = await findMarker(file, LOCATION_MARKERS);
  if (marker) throw new VideoLocationLeakError(`a location atom survived the transcode: ${marker}`);
}

// Only the boxes outside the media data are searched: compressed frames can hold any four bytes by chance.
async function findMarker(file: string, markers: Buffer[]): Promise<string | null> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    for (let position = 0; position + 8 <= size;) {
      await handle.read(header, 0, 16, position);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString("latin1", 4, 8);
      let headerSize = 8;
      if (boxSize === 1) {
        boxSize = Number(header.readBigUInt64BE(8));
        headerSize = 16;
      } else if (boxSize === 0) {
        boxSize = size - position;
      }
      if (boxSize < headerSize) throw new Error(`a malformed MP4 box (${type}) at byte ${position}`);
      if (type !== "mdat" && type !== "free" && type !== "skip") {
        const body = Buffer.alloc(Math.min(boxSize, 64 * 1024 * 1024));
        await handle.read(body, 0, body.length, position);
        for (const marker of markers) if (body.includes(marker)) return `${marker.toString("latin1")} in ${type}`;
      }
      position += boxSize;
    }
    return null;
  } finally {
    await handle.close();
  }
}
