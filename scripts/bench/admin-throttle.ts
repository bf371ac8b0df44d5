/**
 * How well the gateway's cost-bucket estimate spares THROTTLED round trips. A simulated shop (Shopify's
 * leaky bucket: 2000 points, 100 restored per second, as on a standard plan) answers a catalogue sync of
 * ProductsPageQuery calls costing 202 points each, 50 ms per round trip, in virtual time (nothing sleeps).
 * Run once with the estimate and once with a client that only reacts to THROTTLED answers.
 * Last line: admin-throttle: calls=<N> throttled_with_estimate=<A> throttled_reactive=<B> seconds_with_estimate=<X>
 * seconds_reactive=<Y> points_per_s=<P>
 */
import { CostBuckets, fetchProductPage, type AdminClock, type AdminGraphql } from "../../app/modules/shopify";

const CALLS = 300;
const COST = 202;
const BUCKET = { maximumAvailable: 2000, restoreRate: 100 };
const ROUND_TRIP_MS = 50;

/** Reacts to THROTTLED answers only: never waits ahead of a call. */
class ReactiveBuckets extends CostBuckets {
  override delayBefore(): number {
    return 0;
  }
}

function simulatedShop(clock: { now: number }) {
  let available: number = BUCKET.maximumAvailable;
  let at = clock.now;
  let throttled = 0;
  const product = {
    id: "gid://shopify/Product/1",
    title: "Linen Duvet Cover",
    handle: "linen-duvet-cover",
    productType: "Bedding",
    vendor: "Nordic Linen",
    isGiftCard: false,
    status: "ACTIVE",
    updatedAt: "2026-03-02T09:14:51Z",
    featuredMedia: null,
  };
  const graphql: AdminGraphql = async () => {
    clock.now += ROUND_TRIP_MS;
    available = Math.min(BUCKET.maximumAvailable, available + (BUCKET.restoreRate * (clock.now - at)) / 1000);
    at = clock.now;
    const ok = available >= COST;
    if (ok) available -= COST;
    else throttled += 1;
    const cost = {
      requestedQueryCost: COST,
      actualQueryCost: ok ? COST : null,
      throttleStatus: { ...BUCKET, currentlyAvailable: Math.floor(available) },
    };
    const body = ok
      ? {
          data: { products: { nodes: [product], pageInfo: { hasNextPage: true, endCursor: "next" } } },
          extensions: { cost },
        }
      : { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: { cost } };
    return new Response(JSON.stringify(body), { status: 200 });
  };
  return { graphql, throttled: () => throttled };
}

async function run(buckets: CostBuckets): Promise<{ throttled: number; seconds: number }> {
  const time = { now: 0 };
  const clock: AdminClock = { now: () => time.now, sleep: async (ms) => void (time.now += ms) };
  const shop = simulatedShop(time);
  for (let i = 0; i < CALLS; i++) {
    await fetchProductPage(
      shop.graphql,
      "bench.myshopify.com",
      { first: 50 },
      { clock, buckets, maxThrottleRetries: 20 },
    );
  }
  return { throttled: shop.throttled(), seconds: time.now / 1000 };
}

const withEstimate = await run(new CostBuckets());
const reactive = await run(new ReactiveBuckets());
const pointsPerSecond = (CALLS * COST) / withEstimate.seconds;
console.log(
  `ideal: ${((CALLS * COST - BUCKET.maximumAvailable) / BUCKET.restoreRate).toFixed(1)} s of refill for ${CALLS} calls of ${COST} points`,
);
console.log(
  `admin-throttle: calls=${CALLS} throttled_with_estimate=${withEstimate.throttled} throttled_reactive=${reactive.throttled} ` +
    `seconds_with_estimate=${withEstimate.seconds.toFixed(1)} seconds_reactive=${reactive.seconds.toFixed(1)} points_per_s=${pointsPerSecond.toFixed(1)}`,
);
