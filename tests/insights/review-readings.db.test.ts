// Each review shows what was read from it, and the merchant's corrections win: through the review detail's
// loader and the readings action with real session tokens, then re-analysis, the Insights figures and the
// labelled-data export (which the engine's own evaluation command reads).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { analyzeStoredReviews, recomputeShopAggregates, REANALYZE_SHOP_JOB } from "~/modules/insights";
import { loader as reviewLoader } from "~/routes/app.reviews.$id/route";
import { action as readingsAction } from "~/routes/app.reviews.$id.readings";
import { loader as labelsLoader } from "~/routes/app.insights.labels[.]jsonl";
import { loader as insightsLoader } from "~/routes/app.insights/route";
import {
  actionArgs,
  adminFormPost,
  adminPageRequest,
  installedShop,
  jsonOf,
  loaderArgs,
  responseOf,
} from "../admin/support";
import { aggregateSnapshot, JEANS } from "./insights-factory";

interface Reading {
  topic: string;
  label: string;
  sentiment: string;
  evidence: string;
  corrected: boolean;
  engineSentiment: string | null;
  highlighted: { title: { text: string; marked: boolean }[]; body: { text: string; marked: boolean }[] } | null;
}
interface Readings {
  overall: Reading | null;
  topics: Reading[];
  absent: { topic: string; engineSentiment: string | null }[];
  addable: { topic: string }[];
  counted: boolean;
  analysed: boolean;
}

const TEXT = "The fit is far too tight but the quality is excellent.";

async function shopWithReview() {
  const shop = await installedShop();
  await db.product.create({ data: { shop, shopifyId: JEANS.shopifyId, title: JEANS.title, handle: "jeans" } });
  const review = await db.review.create({
    data: {
      shop,
      productShopifyId: JEANS.shopifyId,
      rating: 3,
      body: TEXT,
      displayName: "Ada L.",
      locale: "en",
      status: "published",
      createdAt: new Date("2026-10-06T10:00:00Z"),
    },
  });
  await analyzeStoredReviews(shop, [review.id]);
  return { shop, review };
}

async function readingsOf(shop: string, reviewId: string): Promise<Readings> {
  const data = await jsonOf<{ readings: Readings }>(async () =>
    reviewLoader(loaderArgs(await adminPageRequest(shop, `/app/reviews/${reviewId}`), { id: reviewId })),
  );
  return data.readings;
}

async function correct(shop: string, reviewId: string, topic: string, sentiment: string) {
  return responseOf(async () =>
    readingsAction(
      actionArgs(await adminFormPost(shop, `/app/reviews/${reviewId}/readings`, { topic, sentiment }), {
        id: reviewId,
      }),
    ),
  );
}

async function topicFigures(shop: string) {
  const page = await jsonOf<{ overview: { topics: { key: string; positive: number; negative: number }[] } }>(async () =>
    insightsLoader(loaderArgs(await adminPageRequest(shop, "/app/insights?from=2026-10-05&to=2026-10-11"))),
  );
  return Object.fromEntries(page.overview.topics.map((topic) => [topic.key, [topic.positive, topic.negative]]));
}

const marked = (reading: Reading) =>
  reading.highlighted?.body
    .filter((segment) => segment.marked)
    .map((segment) => segment.text)
    .join("");

describe("what was read from a review", () => {
  it("lists the topics and sentiments the engine found, with the evidence marked in the text", async () => {
    const { shop, review } = await shopWithReview();
    const readings = await readingsOf(shop, review.id);
    expect(readings).toMatchObject({ analysed: true, counted: true });
    expect(readings.overall).toMatchObject({ topic: "_review", sentiment: "positive", corrected: false });
    // Every topic the engine read is listed (its learned layer may add more); these two with their evidence.
    expect(readings.topics.map((reading) => [reading.topic, reading.sentiment, marked(reading)])).toEqual(
      expect.arrayContaining([
        ["quality", "positive", "quality is excellent"],
        ["size_fit", "negative", "too tight"],
      ]),
    );
    for (const reading of readings.topics) expect(TEXT).toContain(marked(reading));
    expect(readings.addable.map((entry) => entry.topic)).toContain("packaging");
    expect(readings.addable.map((entry) => entry.topic)).not.toContain("quality");
  });

  it("takes the merchant's correction of a sentiment, counts it, and keeps it through every re-analysis", async () => {
    const { shop, review } = await shopWithReview();
    expect(await topicFigures(shop)).toMatchObject({ quality: [1, 0], size_fit: [0, 1] });

    const response = await correct(shop, review.id, "quality", "negative");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    let readings = await readingsOf(shop, review.id);
    expect(readings.topics.find((reading) => reading.topic === "quality")).toMatchObject({
      sentiment: "negative",
      corrected: true,
      engineSentiment: "positive",
      evidence: "quality is excellent",
    });
    expect(await topicFigures(shop)).toMatchObject({ quality: [0, 1] });

    // Analysed again (an edit's job, a new engine version's catch-up): the correction is still the reading.
    await analyzeStoredReviews(shop, [review.id]);
    await db.review.update({ where: { id: review.id }, data: { insightsVersion: "0.9.0" } });
    await db.job.create({ data: { type: REANALYZE_SHOP_JOB, shop, payload: JSON.stringify({ shop }) } });
    await drainJobs(jobDefinitions);
    readings = await readingsOf(shop, review.id);
    expect(readings.topics.find((reading) => reading.topic === "quality")).toMatchObject({
      sentiment: "negative",
      corrected: true,
    });
    expect(await topicFigures(shop)).toMatchObject({ quality: [0, 1] });

    // Taken back: the engine's reading returns.
    await correct(shop, review.id, "quality", "engine");
    readings = await readingsOf(shop, review.id);
    expect(readings.topics.find((reading) => reading.topic === "quality")).toMatchObject({
      sentiment: "positive",
      corrected: false,
    });
    expect(await topicFigures(shop)).toMatchObject({ quality: [1, 0] });
  });

  it("drops a topic the review is not about, adds one the engine missed, and corrects the overall reading", async () => {
    const { shop, review } = await shopWithReview();
    await correct(shop, review.id, "size_fit", "absent");
    await correct(shop, review.id, "comfort", "negative");
    await correct(shop, review.id, "_review", "negative");

    const readings = await readingsOf(shop, review.id);
    const listed = readings.topics.map((reading) => [reading.topic, reading.sentiment, reading.corrected]);
    expect(listed).toEqual(
      expect.arrayContaining([
        ["comfort", "negative", true],
        ["quality", "positive", false],
      ]),
    );
    expect(listed.map(([topic]) => topic)).not.toContain("size_fit");
    expect(readings.topics.find((reading) => reading.topic === "comfort")).toMatchObject({
      engineSentiment: null,
      highlighted: null,
    });
    expect(readings.absent).toEqual([expect.objectContaining({ topic: "size_fit", engineSentiment: "negative" })]);
    expect(readings.overall).toMatchObject({ sentiment: "negative", corrected: true, engineSentiment: "positive" });
    expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).sentiment).toBe("negative");

    const figures = await topicFigures(shop);
    expect(figures.size_fit).toBeUndefined();
    expect(figures.comfort).toEqual([0, 1]);
    // The counts still equal a rebuild from the mentions.
    const incremental = await aggregateSnapshot(shop);
    await recomputeShopAggregates(shop);
    expect(await aggregateSnapshot(shop)).toEqual(incremental);
  });

  it("refuses what it cannot apply: an unknown topic, another shop's review, a made-up sentiment", async () => {
    const { shop, review } = await shopWithReview();
    const other = await installedShop();
    expect((await correct(shop, review.id, "weather", "negative")).status).toBe(422);
    expect((await correct(shop, review.id, "quality", "furious")).status).toBe(422);
    expect((await correct(shop, review.id, "_review", "absent")).status).toBe(422);
    expect((await correct(other, review.id, "quality", "negative")).status).toBe(404);
    expect(await db.readingCorrection.count({ where: { reviewId: review.id } })).toBe(0);
  });

  it("exports the corrections as labelled data that the engine's evaluation reads", async () => {
    const { shop, review } = await shopWithReview();
    await correct(shop, review.id, "quality", "negative");
    await correct(shop, review.id, "size_fit", "absent");
    await correct(shop, review.id, "_review", "negative");
    const other = await shopWithReview();
    await correct(other.shop, other.review.id, "quality", "neutral");

    const response = await responseOf(async () =>
      labelsLoader(loaderArgs(await adminPageRequest(shop, "/app/insights/labels.jsonl"))),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/attachment; filename="kundrost-labels-.*\.jsonl"/);
    const text = await response.text();
    const lines = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        id: review.id,
        text: TEXT,
        lang: "en",
        opinions: [
          { category: "merchant:_review", polarity: "negative", topics: ["@overall"] },
          { category: "merchant:quality", polarity: "negative", topics: ["quality"] },
        ],
        absent: ["size_fit"],
      },
    ]);
    expect(text).not.toContain("Ada");

    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "kundrost-labels-")), "labels.jsonl");
    writeFileSync(file, text);
    const report = execFileSync("npx", ["tsx", "scripts/insights.ts", "eval", file], { encoding: "utf8" });
    // The engine finds quality and reads "quality is excellent" as positive, and the whole as positive: the
    // merchant says negative to both. Columns: detection recall, polarity on detected, joint, review accuracy.
    expect(report).toMatch(
      /labels\.jsonl\s+en\s+1\s+100\.0% \(100\.0%\)\s+0\.0% \(0\.0%\)\s+0\.0% \(0\.0%\)\s+0\.0% \(0\.0%\)/,
    );
    expect(report).toContain("1 aspect opinions, 1 review labels");
  });
});
