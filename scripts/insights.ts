/**
 * Insights CLI, the contract the engine is measured by.
 *   npm run --silent insights -- analyze        JSON lines {"id","text","lang"?} in, one result line out
 *   npm run --silent insights -- eval           scores the held-out split of every data set (docs/data/README.md)
 *   npm run --silent insights -- eval <file>    scores an aspect-annotated file (see shared/eval/README.md)
 *   npm run --silent insights -- eval --dev     the development fifth (after insights:train -- --dev)
 *   npm run --silent insights -- eval --save-previous   keeps this version's held-out figures in
 *                                               docs/data/eval-previous.json (run it before bumping ENGINE_VERSION)
 *   npm run --silent insights -- eval --cross   out of domain: for each training set, retrains without any of it and
 *                                               scores all of it (in this process; the weights file is never touched)
 *   npm run --silent insights -- eval --dev --seeds 8 [--orders 20]
 *                                               the retraining's noise: trains without the development fifth under 8
 *                                               seeds (TRAINING_OPTIONS' seed + 0..7, in this process: the weights
 *                                               file is never touched); each figure's mean, lowest and highest
 * eval reports per data set and language: detection recall, polarity on detected, joint, review-level
 * accuracy and macro-F1. On the held-out splits each figure stands beside the previous engine version's
 * (docs/data/eval-previous.json), and a second table gives the same engine's rules alone (`{ learned: false }`);
 * elsewhere the rules alone are in brackets. Earlier versions' figures are in docs/decisions/010-learned-insights.md.
 * stdout carries only JSON for `analyze`; every complaint goes to stderr.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { z } from "zod";
import { analyzeReview, ENGINE_VERSION, swapLearnedWeights } from "../app/modules/insights/index";
import {
  heldOutRecords,
  loadAllDatasets,
  OVERALL_MARK,
  parseEvalLines,
  sha256Of,
  WRITTEN_SETS,
  type EvalRecord,
} from "./insights-data";
import { TRAINING_OPTIONS, trainingDatasets, trainToText } from "./insights-train";

const analyzeInputSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  lang: z.string().min(1).optional(),
});

async function analyzeStdin(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      failures++;
      process.stderr.write(`line ${lineNumber}: not valid JSON\n`);
      continue;
    }
    const input = analyzeInputSchema.safeParse(parsed);
    if (!input.success) {
      failures++;
      const problems = input.error.issues
        .map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`)
        .join("; ");
      process.stderr.write(`line ${lineNumber}: expected {"id","text","lang"?} (${problems})\n`);
      continue;
    }
    const { id, text, lang } = input.data;
    const analysis = analyzeReview(text, lang ? { lang } : {});
    const output = {
      id,
      lang: analysis.lang,
      sentiment: analysis.sentiment,
      score: analysis.score,
      topics: analysis.topics.map(({ topic, sentiment, score, evidence }) => ({ topic, sentiment, score, evidence })),
    };
    process.stdout.write(JSON.stringify(output) + "\n");
  }
  if (failures > 0) process.stderr.write(`${failures} line(s) could not be analysed\n`);
  return failures > 0 ? 1 : 0;
}

interface Counts {
  aspectOpinions: number;
  detected: number;
  detectedRight: number;
  reviews: number;
  reviewsRight: number;
  /** Topics reported that the record's opinions do not name (a precision proxy where labels are complete). */
  extraTopics: number;
  /** Per label: [gold count, predicted count, both]. */
  confusion: Map<string, [number, number, number]>;
}

function emptyCounts(): Counts {
  return {
    aspectOpinions: 0,
    detected: 0,
    detectedRight: 0,
    reviews: 0,
    reviewsRight: 0,
    extraTopics: 0,
    confusion: new Map(),
  };
}

function tally(counts: Counts, record: EvalRecord, learned: boolean): void {
  const analysis = analyzeReview(record.text, { lang: record.lang, learned });
  const found = new Map(analysis.topics.map((finding) => [finding.topic, finding.sentiment]));
  const named = new Set(record.opinions.flatMap((opinion) => opinion.topics));
  for (const topic of found.keys()) if (!named.has(topic)) counts.extraTopics++;
  for (const opinion of record.opinions) {
    if (opinion.topics.length === 0 || opinion.topics.includes(OVERALL_MARK)) continue;
    counts.aspectOpinions++;
    const hits = opinion.topics.filter((topic) => found.has(topic));
    if (hits.length === 0) continue;
    counts.detected++;
    if (hits.some((topic) => found.get(topic) === opinion.polarity)) counts.detectedRight++;
  }
  if (!record.sentiment) return;
  counts.reviews++;
  if (analysis.sentiment === record.sentiment) counts.reviewsRight++;
  const cell = (key: string) =>
    counts.confusion.get(key) ?? (counts.confusion.set(key, [0, 0, 0]).get(key) as [number, number, number]);
  cell(record.sentiment)[0]++;
  cell(analysis.sentiment)[1]++;
  if (analysis.sentiment === record.sentiment) cell(record.sentiment)[2]++;
}

/** Macro-F1 over the labels the data set has (a predicted label it lacks only costs precision). */
function macroF1(counts: Counts): number | null {
  const f1s: number[] = [];
  for (const [gold, predicted, both] of counts.confusion.values()) {
    if (gold === 0) continue;
    const precision = predicted === 0 ? 0 : both / predicted;
    const recall = both / gold;
    f1s.push(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));
  }
  return f1s.length === 0 ? null : f1s.reduce((sum, value) => sum + value, 0) / f1s.length;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

interface EvalRow {
  name: string;
  lang: string;
  texts: number;
  now: Counts;
  before: Counts;
}

function scoreRecords(name: string, records: EvalRecord[]): EvalRow[] {
  const byLanguage = new Map<string, EvalRecord[]>();
  for (const record of records) byLanguage.set(record.lang, [...(byLanguage.get(record.lang) ?? []), record]);
  return [...byLanguage.keys()].sort().map((lang) => {
    const list = byLanguage.get(lang) as EvalRecord[];
    const now = emptyCounts();
    const before = emptyCounts();
    for (const record of list) {
      tally(now, record, true);
      tally(before, record, false);
    }
    return { name, lang, texts: list.length, now, before };
  });
}

// KUNDROST_EVAL_PREVIOUS points elsewhere (tests write their own).
const PREVIOUS_FILE =
  process.env.KUNDROST_EVAL_PREVIOUS ??
  path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "data", "eval-previous.json");
const MEASURES = ["detectionRecall", "polarityOnDetected", "joint", "reviewAccuracy", "reviewMacroF1"] as const;
type Measure = (typeof MEASURES)[number];
type Figures = Record<Measure, number | null> & { texts: number; unaskedTopicsPerText: number };

const previousFileSchema = z.object({
  engine: z.string().min(1),
  rows: z.record(
    z.string(),
    z.object({
      texts: z.number().int(),
      detectionRecall: z.number().nullable(),
      polarityOnDetected: z.number().nullable(),
      joint: z.number().nullable(),
      reviewAccuracy: z.number().nullable(),
      reviewMacroF1: z.number().nullable(),
      unaskedTopicsPerText: z.number(),
    }),
  ),
});

/** A row's figures as printed: percentages to one decimal, unasked topics per text to two. */
function figuresOf(row: EvalRow, counts: Counts): Figures {
  const percent = (value: number | null) => (value === null ? null : Math.round(1000 * value) / 10);
  return {
    texts: row.texts,
    detectionRecall: percent(ratio(counts.detected, counts.aspectOpinions)),
    polarityOnDetected: percent(ratio(counts.detectedRight, counts.detected)),
    joint: percent(ratio(counts.detectedRight, counts.aspectOpinions)),
    reviewAccuracy: percent(ratio(counts.reviewsRight, counts.reviews)),
    reviewMacroF1: percent(macroF1(counts)),
    unaskedTopicsPerText: Math.round((100 * counts.extraTopics) / row.texts) / 100,
  };
}

/** The table: each figure, and in brackets the figure compared with (a previous version's, the rules alone's). */
function printRows(rows: { name: string; lang: string; now: Figures; compared: Figures | null }[]): void {
  const header = [
    "data set",
    "lang",
    "texts",
    "detection recall",
    "polarity on detected",
    "joint",
    "review accuracy",
    "review macro-F1",
    "unasked topics/text",
  ];
  const show = (value: number | null | undefined) =>
    value === null || value === undefined ? "n/a" : `${value.toFixed(1)}%`;
  const table = rows.map((row) => [
    row.name,
    row.lang,
    String(row.now.texts),
    ...MEASURES.map((measure) => `${show(row.now[measure])} (${show(row.compared?.[measure])})`),
    `${row.now.unaskedTopicsPerText.toFixed(2)} (${row.compared ? row.compared.unaskedTopicsPerText.toFixed(2) : "n/a"})`,
  ]);
  writeColumns([header, ...table]);
}

/** Writes `lines` (the first is the header) as columns padded to their widest cell, two spaces apart. */
function writeColumns(lines: string[][]): void {
  const widths = lines[0].map((_title, column) => Math.max(...lines.map((line) => line[column].length)));
  for (const line of lines) {
    process.stdout.write(
      line
        .map((value, column) => value.padEnd(widths[column]))
        .join("  ")
        .trimEnd() + "\n",
    );
  }
}

function printCounts(rows: EvalRow[]): void {
  const aspects = rows.map(
    (row) => `${row.name}/${row.lang}: ${row.now.aspectOpinions} aspect opinions, ${row.now.reviews} review labels`,
  );
  process.stdout.write(`counts: ${aspects.join("; ")}\n`);
}

/** Each figure beside the same engine's rules alone. */
function printAgainstRules(rows: EvalRow[]): void {
  printRows(rows.map((row) => ({ ...row, now: figuresOf(row, row.now), compared: figuresOf(row, row.before) })));
  printCounts(rows);
}

function evaluate(file: string | undefined, options: { development: boolean; savePrevious: boolean }): number {
  if (options.development) {
    process.stdout.write(`engine ${ENGINE_VERSION} (in brackets: its rules alone, without the learned layer)\n`);
    process.stdout.write("development fifth of the training splits (meaningful only after insights:train -- --dev)\n");
    printAgainstRules(
      loadAllDatasets().flatMap((dataset) =>
        dataset.role === "train" ? scoreRecords(dataset.name, heldOutRecords(dataset, true)) : [],
      ),
    );
    return 0;
  }
  if (!file) {
    const rows = loadAllDatasets().flatMap((dataset) => scoreRecords(dataset.name, heldOutRecords(dataset)));
    const key = (row: EvalRow) => `${row.name}/${row.lang}`;
    if (options.savePrevious) {
      const saved = {
        $comment:
          "The held-out figures of the previous engine version, printed beside the current ones by `insights -- eval`. Written by `npm run --silent insights -- eval --save-previous` before ENGINE_VERSION is bumped.",
        engine: ENGINE_VERSION,
        rows: Object.fromEntries(rows.map((row) => [key(row), figuresOf(row, row.now)])),
      };
      writeFileSync(PREVIOUS_FILE, JSON.stringify(saved, null, 2) + "\n");
      process.stdout.write(`engine ${ENGINE_VERSION}'s held-out figures saved in ${PREVIOUS_FILE}\n`);
      return 0;
    }
    const previous = previousFileSchema.parse(JSON.parse(readFileSync(PREVIOUS_FILE, "utf8")));
    process.stdout.write(
      `engine ${ENGINE_VERSION} (in brackets: engine ${previous.engine}, the previous version; n/a where it had no such set)\n`,
    );
    process.stdout.write("held-out splits only: text the learned layer was never trained on\n");
    printRows(rows.map((row) => ({ ...row, now: figuresOf(row, row.now), compared: previous.rows[key(row)] ?? null })));
    printCounts(rows);
    process.stdout.write(
      `\nthe same splits, engine ${ENGINE_VERSION} (in brackets: its rules alone, without the learned layer)\n`,
    );
    printAgainstRules(rows);
    return 0;
  }
  process.stdout.write(`engine ${ENGINE_VERSION} (in brackets: its rules alone, without the learned layer)\n`);
  const text = readFileSync(file, "utf8");
  const { records, bad } = parseEvalLines(text);
  for (const line of bad) process.stderr.write(`line ${line}: not an eval record\n`);
  const known = loadAllDatasets().find((dataset) => dataset.role === "train" && dataset.sha256 === sha256Of(text));
  if (known) {
    // Scoring text the model was trained on would flatter it: only the held-out split counts.
    process.stdout.write(`${file} is the training set ${known.name}: scoring its held-out split only\n`);
    printAgainstRules(scoreRecords(known.name, heldOutRecords(known)));
  } else {
    printAgainstRules(scoreRecords(file, records));
  }
  return bad.length > 0 ? 1 : 0;
}

/**
 * Out of domain, the nearest our own data comes to the hidden sets: for each training set, weights trained on
 * every other set (their training splits) score the whole of it. The weights are swapped in this process
 * (`swapLearnedWeights`); the committed weights file is never touched, so anything else may run beside it.
 */
function evaluateCrossDomain(): number {
  const sets = trainingDatasets();
  const rows: { name: string; lang: string; now: Figures; compared: Figures | null }[] = [];
  try {
    for (const { dataset } of sets) {
      swapLearnedWeights(JSON.parse(trainToText(sets.filter((set) => set.dataset !== dataset))));
      for (const row of scoreRecords(dataset.name, dataset.records))
        rows.push({
          name: row.name,
          lang: row.lang,
          now: figuresOf(row, row.now),
          compared: figuresOf(row, row.before),
        });
    }
  } finally {
    swapLearnedWeights(null);
  }
  process.stdout.write(`engine ${ENGINE_VERSION}, out of domain (in brackets: its rules alone)\n`);
  process.stdout.write("each set scored whole by weights trained on every other set, never on any of it\n");
  printRows(rows);
  return 0;
}

/**
 * The retraining's noise on the development fifth (decision 010, session 15): a change to the rules' verdict or to the
 * data retrains the weights, and the retrained perceptron moves readings well beyond the change. Weights trained
 * without the development fifth under `seeds` seeds (the committed seed and the next ones) are swapped in one after
 * the other; each figure is given as the mean over the seeds and its lowest and highest, per data set and pooled by
 * language (the plain statements apart: they are asked only to read neutral). A change smaller than a figure's spread
 * here is not measured by one training run.
 */
function evaluateDevelopmentSeeds(seeds: number, orders: number): number {
  const sets = trainingDatasets();
  const development = loadAllDatasets().filter((dataset) => dataset.role === "train");
  const statements = new Set<string>(
    WRITTEN_SETS.filter((set) => "statesFacts" in set && set.statesFacts).map((s) => s.name),
  );
  const figures = new Map<string, { reviewAccuracy: number[]; joint: number[] }>();
  const labels: string[][] = [];
  const record = (key: string, counts: Counts) => {
    const entry = figures.get(key) ?? { reviewAccuracy: [], joint: [] };
    figures.set(key, entry);
    const accuracy = ratio(counts.reviewsRight, counts.reviews);
    const joint = ratio(counts.detectedRight, counts.aspectOpinions);
    if (accuracy !== null) entry.reviewAccuracy.push(100 * accuracy);
    if (joint !== null) entry.joint.push(100 * joint);
  };
  try {
    for (let k = 0; k < seeds; k++) {
      const options = { ...TRAINING_OPTIONS, seed: TRAINING_OPTIONS.seed + k, orders };
      swapLearnedWeights(JSON.parse(trainToText(sets, options, true)));
      const pooled = new Map<string, Counts>();
      const read: string[] = [];
      for (const dataset of development) {
        const records = heldOutRecords(dataset, true);
        const pool = statements.has(dataset.name) ? `plain statements/${dataset.lang}` : `all/${dataset.lang}`;
        const counts = pooled.get(pool) ?? emptyCounts();
        pooled.set(pool, counts);
        const own = emptyCounts();
        for (const item of records) {
          tally(own, item, true);
          tally(counts, item, true);
          read.push(analyzeReview(item.text, { lang: item.lang }).sentiment);
        }
        record(`${dataset.name}/${dataset.lang}`, own);
      }
      for (const [key, counts] of pooled) record(key, counts);
      labels.push(read);
    }
  } finally {
    swapLearnedWeights(null);
  }
  const spread = (values: number[]) =>
    values.length === 0
      ? "n/a"
      : `${(values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(1)}% (${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)})`;
  process.stdout.write(
    `engine ${ENGINE_VERSION}, development fifth, weights trained under ${seeds} seeds (${TRAINING_OPTIONS.seed} + 0..${seeds - 1}), ${orders} orders each\n`,
  );
  process.stdout.write("each figure: the mean over the seeds (lowest-highest)\n");
  const rows = [["data set", "review accuracy", "joint"]];
  for (const [key, entry] of figures) rows.push([key, spread(entry.reviewAccuracy), spread(entry.joint)]);
  writeColumns(rows);
  let unsteady = 0;
  for (let text = 0; text < labels[0].length; text++)
    if (labels.some((read) => read[text] !== labels[0][text])) unsteady++;
  process.stdout.write(
    `review labels not read alike under every seed: ${unsteady} of ${labels[0].length} development texts\n`,
  );
  return 0;
}

/** The whole number after `flag` in `rest`, `fallback` without the flag, NaN when what follows is no such number. */
function countAfter(rest: string[], flag: string, fallback: number): number {
  const at = rest.indexOf(flag);
  if (at < 0) return fallback;
  const value = Number(rest[at + 1]);
  return Number.isInteger(value) && value >= 1 ? value : Number.NaN;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "analyze") return analyzeStdin();
  if (command === "eval" && rest.length === 1 && rest[0] === "--cross") return evaluateCrossDomain();
  if (command === "eval" && rest.includes("--dev") && rest.includes("--seeds")) {
    const seeds = countAfter(rest, "--seeds", 1);
    const orders = countAfter(rest, "--orders", TRAINING_OPTIONS.orders ?? 1);
    const known = 1 + 2 + (rest.includes("--orders") ? 2 : 0);
    if (seeds >= 2 && orders >= 1 && rest.length === known) return evaluateDevelopmentSeeds(seeds, orders);
  }
  const flags = new Set(["--dev", "--save-previous"]);
  const files = rest.filter((argument) => !flags.has(argument));
  const options = { development: rest.includes("--dev"), savePrevious: rest.includes("--save-previous") };
  if (command === "eval" && files.length <= 1 && !(options.savePrevious && (files.length > 0 || options.development)))
    return evaluate(files[0], options);
  process.stderr.write(
    "usage: insights analyze < reviews.jsonl\n       insights eval [file.jsonl] [--dev]\n       insights eval --save-previous\n       insights eval --cross\n       insights eval --dev --seeds <n, 2 or more> [--orders <n>]\n",
  );
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`insights: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
