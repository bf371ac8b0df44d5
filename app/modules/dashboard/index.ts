// The admin home's figures for one shop: is the pipeline running (orders in, webhooks handled, jobs
// waiting or stuck) and is it working (requests sent, review rate, days from delivery to review).
import db from "../../db.server";
import { jobQueueStats } from "../jobs";
import { requestFigures, type RequestFigures } from "../requests";

export interface ShopOverview {
  ordersReceived: number;
  webhooks: { received: number; processed: number; failed: number };
  /** Pending = queued or running now; failed = gave up after its attempts (the merchant may retry). */
  jobs: { pending: number; failed: number };
  requests: RequestFigures & { scheduled: number };
  /** Nothing has arrived from Shopify yet: the home shows what to do next instead of zeros. */
  isNewShop: boolean;
}

export async function shopOverview(shop: string): Promise<ShopOverview> {
  const [ordersReceived, webhookGroups, jobs, figures, scheduled] = await Promise.all([
    db.order.count({ where: { shop } }),
    db.webhookEvent.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } }),
    jobQueueStats(shop),
    requestFigures(shop),
    db.reviewRequest.count({ where: { shop, status: "scheduled" } }),
  ]);
  const webhookCount = (status: string) => webhookGroups.find((g) => g.status === status)?._count._all ?? 0;
  const webhooksReceived = webhookGroups.reduce((sum, g) => sum + g._count._all, 0);
  return {
    ordersReceived,
    webhooks: { received: webhooksReceived, processed: webhookCount("processed"), failed: webhookCount("failed") },
    jobs: { pending: jobs.queued + jobs.running, failed: jobs.failed },
    requests: { ...figures, scheduled },
    isNewShop: ordersReceived === 0 && webhooksReceived === 0,
  };
}
