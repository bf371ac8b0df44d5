// The admin home's figures for one shop: what came in (reviews received, average rating, reviews waiting for a
// decision, low-star reviews to answer), is it working (requests sent, review rate, days from delivery to
// review) and is the pipeline running (orders in, webhook deliveries received and processed, jobs).
import db from "../../db.server";
import { jobQueueStats } from "../jobs";
import { requestFigures, type RequestFigures } from "../requests";
import { reviewFigures } from "../reviews";

export interface ShopOverview {
  ordersReceived: number;
  /**
   * Deliveries Shopify sent to the app's webhook address since install: received, processed, failed, and those
   * skipped as stale or duplicate (ignored). Orders from before the app (or the demo's history) came without one.
   */
  webhooks: { received: number; processed: number; failed: number; ignored: number; waiting: number };
  reviews: Awaited<ReturnType<typeof reviewFigures>>;
  /** Pending = queued or running now; failed = gave up after its attempts (the merchant may retry). */
  jobs: { pending: number; failed: number };
  requests: RequestFigures & { scheduled: number };
  /** Nothing has arrived from Shopify yet: the home shows what to do next instead of zeros. */
  isNewShop: boolean;
}

export async function shopOverview(shop: string): Promise<ShopOverview> {
  const [ordersReceived, webhookGroups, jobs, figures, scheduled, reviews] = await Promise.all([
    db.order.count({ where: { shop } }),
    db.webhookEvent.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } }),
    jobQueueStats(shop),
    requestFigures(shop),
    db.reviewRequest.count({ where: { shop, status: "scheduled" } }),
    reviewFigures(shop),
  ]);
  const webhookCount = (status: string) => webhookGroups.find((g) => g.status === status)?._count._all ?? 0;
  const webhooksReceived = webhookGroups.reduce((sum, g) => sum + g._count._all, 0);
  return {
    ordersReceived,
    webhooks: {
      received: webhooksReceived,
      processed: webhookCount("processed"),
      failed: webhookCount("failed"),
      ignored: webhookCount("ignored"),
      waiting: webhooksReceived - webhookCount("processed") - webhookCount("failed") - webhookCount("ignored"),
    },
    reviews,
    jobs: { pending: jobs.queued + jobs.running, failed: jobs.failed },
    requests: { ...figures, scheduled },
    isNewShop: ordersReceived === 0 && webhooksReceived === 0 && reviews.total === 0,
  };
}
