/**
 * What the insights engine's learned layer adds to memory: the parsed weights file, plus what the engine
 * holds after analysing reviews of 24,000 distinct words (its word memo at its fullest) with the layer,
 * less what it holds after the same reviews read by the rules alone. Heap and typed arrays after a full
 * garbage collection, each in a process of its own.
 *   npm run bench:insights-memory                 (runs itself twice, with and without the learned layer)
 * The last line is the figure issue 16 limits (at most 30 MB): learned_layer_mb=<M>.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Just under the 25,000 words the memo keeps (language-detection.ts), where it holds the most. */
const DISTINCT_WORDS = 24_000;
const WORDS_PER_REVIEW = 20;
const LETTERS = "abcdefghijklmnopqrstuvwxyzåäö";

function nonsenseWord(n: number): string {
  let word = "";
  let rest = n;
  do {
    word += LETTERS[rest % LETTERS.length];
    rest = Math.floor(rest / LETTERS.length);
  } while (rest > 0);
  return `${word}ning`;
}

function heldBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc (npm run bench:insights-memory does)");
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * The parsed weights file alone (the engine imports it whether or not an analysis uses it): parsed here
 * from the same file, as the import parses it.
 */
function measureWeightsFile(): number {
  const text = readFileSync(
    fileURLToPath(new URL("../../app/modules/insights/learned/weights.json", import.meta.url)),
    "utf8",
  );
  const before = heldBytes();
  const weights = JSON.parse(text) as { languages: Record<string, unknown> };
  const grew = heldBytes() - before;
  if (Object.keys(weights.languages).length === 0) throw new Error("the weights file has no language");
  return grew / (1024 * 1024);
}

/** The engine after analysing reviews of DISTINCT_WORDS distinct words, from an engine already loaded. */
async function measure(withLearnedLayer: boolean): Promise<number> {
  const { analyzeReview } = await import("../../app/modules/insights/index");
  analyzeReview("warm", { lang: "en", learned: false });
  const before = heldBytes();
  for (let review = 0; review < DISTINCT_WORDS / WORDS_PER_REVIEW; review++) {
    const words: string[] = [];
    for (let k = 0; k < WORDS_PER_REVIEW; k++) words.push(nonsenseWord(review * WORDS_PER_REVIEW + k));
    analyzeReview(`${words.join(" ")}.`, { lang: review % 2 === 0 ? "en" : "sv", learned: withLearnedLayer });
  }
  return (heldBytes() - before) / (1024 * 1024);
}

function child(mode: "learned" | "rules" | "weights"): number {
  const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), mode], {
    encoding: "utf8",
  });
  const megabytes = Number(/grew=([\d.]+)/.exec(output)?.[1]);
  if (!Number.isFinite(megabytes)) throw new Error(`unexpected output: ${output}`);
  return megabytes;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === "weights") {
    console.log(`grew=${measureWeightsFile().toFixed(1)}`);
    return;
  }
  if (mode === "learned" || mode === "rules") {
    console.log(`grew=${(await measure(mode === "learned")).toFixed(1)}`);
    return;
  }
  const weights = child("weights");
  const learned = child("learned");
  const rules = child("rules");
  console.log(`the parsed weights file:        ${weights.toFixed(1)} MB`);
  console.log(`engine with its learned layer: +${learned.toFixed(1)} MB after ${DISTINCT_WORDS} distinct words`);
  console.log(`engine, rules alone:           +${rules.toFixed(1)} MB after the same words`);
  console.log(`insights-memory: learned_layer_mb=${(weights + learned - rules).toFixed(1)}`);
}

void main();
