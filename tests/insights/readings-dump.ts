/**
 * Every reading the insights engine gives, as one sha256: for holding an internal change of the engine (data
 * structures, scanning, allocation) to byte-identical readings. Reads every text of every data set
 * (`loadAllDatasets()`, needs SemEval beside the repository as `insights eval` does) under eight option sets, then
 * the benchmark's 100,000 reviews (all of them by default and with `learned: false`, every seventh under the other
 * six), and writes each result as a JSON line with the learned layer's per-sentence sums.
 * Not a test (it has no expectation of its own): a tool for whoever changes the engine's internals.
 *   npx tsx tests/insights/readings-dump.ts [file]   prints the sha256 and the line count (and keeps the lines in
 *                                                    `file` when given, to diff two engines)
 * Run it on main and on the change: the hashes must be the same.
 */
import { createHash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { analyzeReview } from "~/modules/insights";
import { lastLearnedSentenceScores } from "~/modules/insights/review-analysis";
import { createTokenBuffer, scanTokens, TOKEN_SENTENCE_END } from "~/modules/insights/tokenizer";
import type { AnalyzeOptions } from "~/modules/insights/types";
import { loadAllDatasets } from "../../scripts/insights-data";
import { generateCorpus } from "../../scripts/bench/support/insights-corpus";

const customTopics = [
  { key: "zipper", label: "Zipper", keywords: ["zip*", "zipper", "dragkedja", "blixtlås*"] },
  { key: "pockets", label: "Pockets", keywords: ["pocket*", "fick*", "inner pocket"] },
  { key: "battery", label: "Battery life", keywords: ["battery life", "batteri*", "charge"] },
];

const optionSets: [string, AnalyzeOptions][] = [
  ["default", {}],
  ["rules", { learned: false }],
  ["hint-sv", { localeHint: "sv" }],
  ["hint-en-GB", { localeHint: "en-GB" }],
  ["lang-sv", { lang: "sv" }],
  ["lang-en", { lang: "en" }],
  ["custom", { customTopics }],
  ["custom-rules", { customTopics, learned: false }],
];

const tokens = createTokenBuffer();
const hash = createHash("sha256");
let out: WriteStream | null = process.argv[2] ? createWriteStream(process.argv[2]) : null;
let lines = 0;

function sentenceCount(text: string): number {
  scanTokens(text, tokens);
  let count = 1;
  for (let t = 0; t < tokens.count; t++) if (tokens.kinds[t] === TOKEN_SENTENCE_END) count++;
  return count;
}

function emit(source: string, id: string, optionName: string, text: string, options: AnalyzeOptions): void {
  const result = analyzeReview(text, options);
  const sums = options.learned === false ? [] : Array.from(lastLearnedSentenceScores(sentenceCount(text)));
  const line = `${JSON.stringify({ source, id, options: optionName, result, sums })}\n`;
  hash.update(line);
  if (out) out.write(line);
  lines++;
}

function main(): void {
  for (const dataset of loadAllDatasets()) {
    for (const [optionName, options] of optionSets)
      for (const record of dataset.records) emit(dataset.name, record.id, optionName, record.text, options);
  }
  const corpus = generateCorpus(100_000);
  for (let i = 0; i < corpus.length; i++) {
    for (const [optionName, options] of optionSets) {
      if (optionName !== "default" && optionName !== "rules" && i % 7 !== 0) continue;
      emit("bench", String(i), optionName, corpus[i], options);
    }
  }
  out?.end();
  out = null;
  console.log(`insights-readings: ${lines} lines sha256=${hash.digest("hex")}`);
}

main();
