// Starting a shop's re-analysis (the insights.reanalyze-shop job, run by jobs.server.ts): when the engine
// version changes, and whenever the shop's custom topics change (custom-topics.server.ts starts it itself).
import db, { type DbClient } from "../../db.server";
import { enqueueJob } from "../jobs";
import { REANALYZE_SHOP_JOB } from "./job-types";

/** Re-analyses the shop's reviews in the background, e.g. after its custom topics changed. */
export async function startShopReanalysis(shop: string, client: DbClient = db): Promise<string> {
  const { id } = await enqueueJob({ type: REANALYZE_SHOP_JOB, shop, payload: { shop } }, client);
  return id;
}
