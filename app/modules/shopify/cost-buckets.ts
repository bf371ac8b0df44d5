// A per-shop estimate of Shopify's leaky bucket for the GraphQL Admin API, so we wait before a call the
// bucket cannot cover instead of spending a round trip on a THROTTLED answer.
// https://shopify.dev/docs/api/usage/limits#graphql-admin-api-rate-limits
// The estimate lives in this process only: several workers each keep their own and Shopify's answer
// (`extensions.cost.throttleStatus`, read after every call) corrects them all.
import { z } from "zod";

export const ThrottleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
export type ThrottleStatus = z.infer<typeof ThrottleStatusSchema>;

export const QueryCostSchema = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullable().optional(),
  throttleStatus: ThrottleStatusSchema,
});
export type QueryCost = z.infer<typeof QueryCostSchema>;

interface BucketEstimate extends ThrottleStatus {
  observedAt: number;
  /** Cost of calls sent from this process and not yet answered: already spent, not yet reported. */
  inFlight: number;
}

export class CostBuckets {
  private readonly buckets = new Map<string, BucketEstimate>();
  private readonly learnedCosts = new Map<string, number>();

  /** Points available to `shop` at `now`, or null before Shopify has told us anything about it. */
  available(shop: string, now: number): number | null {
    const bucket = this.buckets.get(shop);
    if (!bucket) return null;
    const restored = bucket.currentlyAvailable + (bucket.restoreRate * Math.max(0, now - bucket.observedAt)) / 1000;
    return Math.min(bucket.maximumAvailable, restored) - bucket.inFlight;
  }

  /** How long to wait before a call of `cost` points fits in the bucket (0 when it fits now or we know nothing yet). */
  delayBefore(shop: string, cost: number, now: number): number {
    const bucket = this.buckets.get(shop);
    const available = this.available(shop, now);
    if (!bucket || available === null || bucket.restoreRate <= 0) return 0;
    // A call dearer than the whole bucket can only be sent from a full bucket (Shopify then rejects it as too costly).
    const needed = Math.min(cost, bucket.maximumAvailable);
    if (available >= needed) return 0;
    return Math.ceil(((needed - available) / bucket.restoreRate) * 1000);
  }

  reserve(shop: string, cost: number): void {
    const bucket = this.buckets.get(shop);
    if (bucket) bucket.inFlight += cost;
  }

  release(shop: string, cost: number): void {
    const bucket = this.buckets.get(shop);
    if (bucket) bucket.inFlight = Math.max(0, bucket.inFlight - cost);
  }

  observe(shop: string, status: ThrottleStatus, now: number): void {
    const inFlight = this.buckets.get(shop)?.inFlight ?? 0;
    this.buckets.set(shop, { ...status, observedAt: now, inFlight });
  }

  /** The requested cost Shopify last reported for an operation, else the operation's own estimate. */
  expectedCost(operation: string, estimate: number): number {
    return this.learnedCosts.get(operation) ?? estimate;
  }

  learnCost(operation: string, requestedQueryCost: number): void {
    this.learnedCosts.set(operation, requestedQueryCost);
  }

  forget(shop: string): void {
    this.buckets.delete(shop);
  }
}

/** The process-wide estimate every call shares unless a caller (a test) brings its own. */
export const processCostBuckets = new CostBuckets();
