/**
 * Insights CLI, the contract the engine is measured by.
 *   npm run --silent insights -- analyze        JSON lines {"id","text","lang"?} in, one result line out
 *   npm run --silent insights -- eval <file>    scores an aspect-annotated file (see shared/eval/README.md)
 * stdout carries only JSON for `analyze`; every complaint goes to stderr.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { analyzeReview, ENGINE_VERSION } from "../app/modules/insights/index";

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

const evalOpinionSchema = z.object({
  category: z.string().optional(),
  polarity: z.enum(["positive", "negative", "neutral"]),
  topics: z.array(z.string()),
});
const evalLineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  lang: z.string().optional(),
  opinions: z.array(evalOpinionSchema),
});

const OVERALL_MARK = "@overall";

function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;
}

function evaluateFile(path: string): number {
  const lines = readFileSync(path, "utf8").split("\n");
  let aspectOpinions = 0;
  let detected = 0;
  let detectedRight = 0;
  let overallOpinions = 0;
  let overallRight = 0;
  let badLines = 0;
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const parsed = evalLineSchema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      badLines++;
      process.stderr.write(`line ${index + 1}: not an eval record\n`);
      return;
    }
    const { text, lang, opinions } = parsed.data;
    const analysis = analyzeReview(text, lang ? { lang } : {});
    const found = new Map(analysis.topics.map((finding) => [finding.topic, finding.sentiment]));
    for (const opinion of opinions) {
      if (opinion.topics.length === 0) continue;
      if (opinion.topics.includes(OVERALL_MARK)) {
        overallOpinions++;
        if (analysis.sentiment === opinion.polarity) overallRight++;
        continue;
      }
      aspectOpinions++;
      const hits = opinion.topics.filter((topic) => found.has(topic));
      if (hits.length === 0) continue;
      detected++;
      if (hits.some((topic) => found.get(topic) === opinion.polarity)) detectedRight++;
    }
  });
  const report = [
    `engine ${ENGINE_VERSION} on ${path}`,
    `detection recall:             ${percent(detected, aspectOpinions)} (${detected}/${aspectOpinions})`,
    `polarity accuracy on detected: ${percent(detectedRight, detected)} (${detectedRight}/${detected})`,
    `joint:                        ${percent(detectedRight, aspectOpinions)} (${detectedRight}/${aspectOpinions})`,
    `overall accuracy:             ${percent(overallRight, overallOpinions)} (${overallRight}/${overallOpinions})`,
  ];
  process.stdout.write(report.join("\n") + "\n");
  return badLines > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const [command, argument] = process.argv.slice(2);
  if (command === "analyze") return analyzeStdin();
  if (command === "eval" && argument) return evaluateFile(argument);
  process.stderr.write("usage: insights analyze < reviews.jsonl\n       insights eval <file.jsonl>\n");
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
