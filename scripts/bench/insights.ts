/**
 * Throughput benchmark for the insights engine: 100,000 generated English and Swedish reviews,
 * a tokenize-only pass over the same text as the floor, then the engine. One core (this process).
 * The last line is the contract: insights: <N> reviews/s ratio_to_tokenize=<R> p99_per_review=<X>ms rss=<M>MB
 */
import { performance } from "node:perf_hooks";
import { analyzeReview, learnedLayerSize, tokenize } from "../../app/modules/insights/index";
import { generateCorpus } from "./support/insights-corpus";

const REVIEW_COUNT = 100_000;

function rate(count: number, milliseconds: number): number {
  return count / (milliseconds / 1000);
}

/**
 * CPU time of this (single-threaded) process in ms. Rates are per CPU-second rather than per
 * wall-second so a busy shared machine does not make the engine look slower than it is on one core;
 * wall time is printed too.
 */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function main(): void {
  const corpus = generateCorpus(REVIEW_COUNT);
  const characters = corpus.reduce((sum, text) => sum + text.length, 0);
  console.log(
    `corpus: ${corpus.length} reviews, ${characters} characters, mean ${(characters / corpus.length).toFixed(0)} chars/review`,
  );

  // Warm up the JIT and the engine's word memo on a slice, as a long-running worker would be.
  let sink = 0;
  for (let i = 0; i < 5_000; i++) sink += tokenize(corpus[i]).length + analyzeReview(corpus[i]).topics.length;

  // Tokenize and engine passes alternate in slices so both meet the same machine load; on a shared
  // machine a single pass of each can land in very different moments.
  const slices = 20;
  const sliceSize = Math.ceil(corpus.length / slices);
  let tokenizeCpuMs = 0;
  let engineCpuMs = 0;
  let tokenizeWallMs = 0;
  let engineWallMs = 0;
  for (let slice = 0; slice < slices; slice++) {
    const from = slice * sliceSize;
    const to = Math.min(corpus.length, from + sliceSize);
    let wall = performance.now();
    let cpu = cpuMs();
    for (let i = from; i < to; i++) sink += tokenize(corpus[i]).length;
    tokenizeCpuMs += cpuMs() - cpu;
    tokenizeWallMs += performance.now() - wall;
    wall = performance.now();
    cpu = cpuMs();
    for (let i = from; i < to; i++) sink += analyzeReview(corpus[i]).topics.length;
    engineCpuMs += cpuMs() - cpu;
    engineWallMs += performance.now() - wall;
  }
  const tokenizeRate = rate(corpus.length, tokenizeCpuMs);
  const engineRate = rate(corpus.length, engineCpuMs);
  console.log(
    `tokenize only: ${tokenizeCpuMs.toFixed(0)} ms cpu (${tokenizeWallMs.toFixed(0)} ms wall), ${Math.round(tokenizeRate)} reviews/s`,
  );
  console.log(
    `engine:        ${engineCpuMs.toFixed(0)} ms cpu (${engineWallMs.toFixed(0)} ms wall), ${Math.round(engineRate)} reviews/s`,
  );

  // Per-review latency in a separate pass so the timer calls do not slow the throughput figure.
  const durations = new Float64Array(corpus.length);
  for (let i = 0; i < corpus.length; i++) {
    const before = performance.now();
    sink += analyzeReview(corpus[i]).score;
    durations[i] = performance.now() - before;
  }
  durations.sort();
  const p50 = durations[Math.floor(durations.length * 0.5)];
  const p99 = durations[Math.floor(durations.length * 0.99)];
  const rssMb = Math.round(process.memoryUsage().rss / (1024 * 1024));
  console.log(
    `latency: p50 ${p50.toFixed(4)} ms, p99 ${p99.toFixed(4)} ms, max ${durations[durations.length - 1].toFixed(3)} ms`,
  );
  if (sink === Number.MIN_VALUE) console.log("unreachable; keeps the work observable");
  const learned = learnedLayerSize();
  const learnedMb = learned.reduce((sum, model) => sum + model.bytes, 0) / (1024 * 1024);
  const perLanguage = learned.map((model) => `${model.lang} ${model.features}`).join(", ");
  console.log(
    `learned layer: ${perLanguage} features, ${learnedMb.toFixed(1)} MB of tables (+ the parsed weights file)`,
  );
  const ratio = engineRate / tokenizeRate;
  console.log(
    `insights: ${Math.round(engineRate)} reviews/s ratio_to_tokenize=${ratio.toFixed(2)} p99_per_review=${p99.toFixed(3)}ms rss=${rssMb}MB`,
  );
}

main();
