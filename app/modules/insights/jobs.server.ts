// Background work of the insights pipeline.
//   insights.analyze-review  { shop, reviewId }   enqueued by the reviews module with every saved review.
//   insights.reanalyze-shop  { shop, afterId? }   re-analyses the shop's reviews whose stored analysis version
//                                                is not the current one, a batch per run, re-enqueueing itself
//                                                with a cursor until none is left.
//   insights.catch-up        { engineVersion }    once per engine version: starts insights.reanalyze-shop for
//                                                every installed shop. Enqueued when a worker starts
//                                                (scheduleInsightsCatchUp) and, as a backstop, by the first
//                                                analyze-review job that runs on a new version.
// Custom topic changes start insights.reanalyze-shop themselves (reanalysis.server.ts).
import { z } from "zod";
import db, { type DbClient } from "../../db.server";
import { defineJob, enqueueJob } from "../jobs";
import { ENGINE_VERSION } from "./engine-version";
import { analyzeStoredReviews, currentAnalysisVersion, reviewsNeedingAnalysis } from "./pipeline.server";
import { customTopicsForShop } from "./custom-topics.server";
import { ANALYZE_REVIEW_JOB, INSIGHTS_CATCH_UP_JOB, REANALYZE_SHOP_JOB } from "./job-types";

export const REANALYZE_BATCH_SIZE = 200;

const shopSchema = z.string().min(1).max(255);

export const analyzeReviewJob = defineJob({
  type: ANALYZE_REVIEW_JOB,
  schema: z.object({ shop: shopSchema, reviewId: z.string().min(1).max(64) }),
  async run({ shop, reviewId }, ctx) {
    const result = await analyzeStoredReviews(shop, [reviewId]);
    if (result.missing > 0) ctx.log.info({ reviewId }, "review is gone; nothing to analyse");
    await scheduleInsightsCatchUp();
  },
});

export const reanalyzeShopJob = defineJob({
  type: REANALYZE_SHOP_JOB,
  schema: z.object({ shop: shopSchema, afterId: z.string().min(1).max(64).optional() }),
  async run({ shop, afterId }, ctx) {
    const customTopics = await customTopicsForShop(shop);
    const version = await currentAnalysisVersion(shop);
    const ids = await reviewsNeedingAnalysis(shop, version, { afterId, limit: REANALYZE_BATCH_SIZE });
    if (ids.length > 0) await analyzeStoredReviews(shop, ids, { customTopics });
    ctx.log.info({ analysed: ids.length, version }, "re-analysed a batch of reviews");
    if (ids.length === REANALYZE_BATCH_SIZE) {
      // Keyed by this job, so a retry of this run after a crash does not start a second chain.
      await enqueueJob({
        type: REANALYZE_SHOP_JOB,
        shop,
        payload: { shop, afterId: ids[ids.length - 1] },
        uniqueKey: `${REANALYZE_SHOP_JOB}:${ctx.jobId}:next`,
        priority: -1,
      });
    }
  },
});

export const insightsCatchUpJob = defineJob({
  type: INSIGHTS_CATCH_UP_JOB,
  schema: z.object({ engineVersion: z.string().min(1) }),
  async run({ engineVersion }, ctx) {
    const shops = await db.shop.findMany({
      where: { uninstalledAt: null },
      select: { shop: true },
      orderBy: { shop: "asc" },
    });
    for (const { shop } of shops) {
      await enqueueJob({
        type: REANALYZE_SHOP_JOB,
        shop,
        payload: { shop },
        uniqueKey: `${REANALYZE_SHOP_JOB}:${shop}:engine-${engineVersion}`,
        priority: -1,
      });
    }
    ctx.log.info({ shops: shops.length, engineVersion }, "insights catch-up started for every installed shop");
  },
});

/** Makes sure every shop's reviews are (re)analysed with this engine version; cheap to call on every start. */
export async function scheduleInsightsCatchUp(client: DbClient = db): Promise<{ created: boolean }> {
  const { created } = await enqueueJob(
    {
      type: INSIGHTS_CATCH_UP_JOB,
      payload: { engineVersion: ENGINE_VERSION },
      uniqueKey: `${INSIGHTS_CATCH_UP_JOB}:${ENGINE_VERSION}`,
      priority: -1,
    },
    client,
  );
  return { created };
}

export const insightsJobs = [analyzeReviewJob, reanalyzeShopJob, insightsCatchUpJob];
