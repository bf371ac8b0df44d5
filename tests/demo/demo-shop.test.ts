import { createHash } from "node:crypto";
import {
  DEMO_PRODUCTS,
  demoOrderEvents,
  generateDemoShop,
  orderPayload,
  refundPayload,
  deliveredEventPayload,
} from "~/modules/demo";
import {
  ShopifyFulfillmentEventPayloadSchema,
  ShopifyOrderPayloadSchema,
  ShopifyRefundPayloadSchema,
} from "~/modules/orders";

const NOW = new Date("2026-06-15T10:00:00Z");
const DAY = 86_400_000;

function checksum(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

describe("the demo shop's history", () => {
  const shop = generateDemoShop({ now: NOW });

  it("is the same shop every time for the same seed and anchor", () => {
    const again = generateDemoShop({ now: NOW });
    expect(checksum(again)).toBe(checksum(shop));
  });

  it("changes with the seed", () => {
    expect(checksum(generateDemoShop({ now: NOW, seed: 7 }).orders)).not.toBe(checksum(shop.orders));
  });

  it("sells at least twelve apparel and home products plus a gift card", () => {
    const kinds = DEMO_PRODUCTS.map((p) => p.kind);
    expect(DEMO_PRODUCTS.filter((p) => p.kind !== "gift_card").length).toBeGreaterThanOrEqual(12);
    expect(kinds).toContain("apparel");
    expect(kinds).toContain("home");
    expect(kinds.filter((k) => k === "gift_card")).toHaveLength(1);
    expect(new Set(DEMO_PRODUCTS.map((p) => p.shopifyId)).size).toBe(DEMO_PRODUCTS.length);
  });

  it("has 200 customers in Sweden and abroad, each with their own email address", () => {
    expect(shop.customers).toHaveLength(200);
    expect(new Set(shop.customers.map((c) => c.email)).size).toBe(200);
    const countries = new Set(shop.customers.map((c) => c.address.countryCode));
    expect([...countries].sort()).toEqual(["DE", "GB", "NO", "SE", "US"]);
    expect(shop.customers.filter((c) => c.address.countryCode === "SE").length).toBeGreaterThan(100);
    expect(new Set(shop.customers.map((c) => c.locale))).toEqual(new Set(["sv", "en", "de", "nb"]));
    const swedishCities = new Set(
      shop.customers.filter((c) => c.address.countryCode === "SE").map((c) => c.address.city),
    );
    for (const city of ["Göteborg", "Malmö", "Uppsala", "Umeå"]) expect(swedishCities).toContain(city);
    for (const c of shop.customers) expect(c.email).toMatch(/^[a-z0-9.]+@example\.(com|net|org)$/);
  });

  it("has 600 shipped orders over the last six months", () => {
    expect(shop.orders).toHaveLength(600);
    for (const order of shop.orders) {
      expect(order.placedAt.getTime()).toBeGreaterThan(NOW.getTime() - 183 * DAY);
      expect(order.fulfilledAt.getTime()).toBeGreaterThan(order.placedAt.getTime());
      expect(order.fulfilledAt.getTime()).toBeLessThan(NOW.getTime());
      if (order.deliveredAt) {
        expect(order.deliveredAt.getTime()).toBeGreaterThan(order.fulfilledAt.getTime());
        expect(order.deliveredAt.getTime()).toBeLessThan(NOW.getTime());
      }
      expect(order.lines.length).toBeGreaterThan(0);
    }
    const months = new Set(shop.orders.map((o) => o.placedAt.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    expect(shop.orders.filter((o) => o.deliveredAt).length).toBeGreaterThan(450);
  });

  it("includes a few cancellations and partial and full refunds", () => {
    const cancelled = shop.orders.filter((o) => o.cancelledAt);
    const full = shop.orders.filter((o) => !o.cancelledAt && o.refunds.some((r) => r.full));
    const partial = shop.orders.filter((o) => o.refunds.some((r) => !r.full));
    expect(cancelled.length).toBeGreaterThanOrEqual(3);
    expect(cancelled.length).toBeLessThan(30);
    expect(full.length).toBeGreaterThanOrEqual(3);
    expect(partial.length).toBeGreaterThanOrEqual(5);
    for (const order of partial) {
      const refunded = order.refunds.flatMap((r) => r.lines.map((l) => l.line.shopifyLineId));
      expect(refunded.length).toBeLessThan(order.lines.length);
    }
  });

  it("tells the history in the order Shopify would send the webhooks", () => {
    const events = demoOrderEvents(shop);
    for (let i = 1; i < events.length; i++)
      expect(events[i].at.getTime()).toBeGreaterThanOrEqual(events[i - 1].at.getTime());
    for (const order of shop.orders) {
      const own = events.filter((e) => e.order === order);
      expect(own[0].kind).toBe("fulfilled");
    }
  });

  it("builds webhook payloads the orders module accepts as Shopify's", () => {
    for (const event of demoOrderEvents(shop)) {
      if (event.kind === "fulfilled" || event.kind === "cancelled") {
        const parsed = ShopifyOrderPayloadSchema.parse(orderPayload(event.order, event.at));
        expect(parsed.id).toBe(event.order.shopifyId);
        expect(parsed.line_items).toHaveLength(event.order.lines.length);
        if (event.kind === "cancelled") expect(parsed.cancelled_at).not.toBeNull();
      } else if (event.kind === "delivered") {
        const parsed = ShopifyFulfillmentEventPayloadSchema.parse(deliveredEventPayload(event.order));
        expect(parsed.status).toBe("delivered");
        expect(parsed.order_id).toBe(event.order.shopifyId);
      } else {
        const parsed = ShopifyRefundPayloadSchema.parse(refundPayload(event.order, event.refund));
        expect(parsed.refund_line_items.length).toBe(event.refund.lines.length);
      }
    }
  });

  it("prices orders in SEK with money as decimal strings, like Shopify's REST payloads", () => {
    const order = shop.orders[0];
    const payload = orderPayload(order, order.fulfilledAt);
    expect(payload.currency).toBe("SEK");
    expect(payload.total_price).toMatch(/^\d+\.\d{2}$/);
    expect(typeof payload.id).toBe("number");
    expect(payload.admin_graphql_api_id).toBe(`gid://shopify/Order/${order.shopifyId}`);
  });
});
