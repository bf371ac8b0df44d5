// The demo shop's history as plain data: who bought what, when it shipped, arrived, was cancelled or
// refunded. Pure and deterministic: the same seed and the same `now` give the same shop, to the byte.
import { DEMO_PRODUCTS, type DemoProduct } from "./catalog";
import { generateCustomers, type DemoCustomer } from "./people";
import { SeededRandom } from "./random";

export const DEMO_SEED = 20_261_124;
export const DEMO_CUSTOMER_COUNT = 200;
export const DEMO_ORDER_COUNT = 600;
const HISTORY_DAYS = 182;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ORDER_ID_BASE = 6_120_000_000_000;
const LINE_ID_BASE = 15_930_000_000_000;
const FULFILLMENT_ID_BASE = 5_480_000_000_000;
const REFUND_ID_BASE = 1_020_000_000_000;
const EVENT_ID_BASE = 2_870_000_000_000;

export interface DemoOrderLine {
  shopifyLineId: string;
  product: DemoProduct;
  variant: DemoProduct["variants"][number];
  quantity: number;
  priceCents: number;
}

export interface DemoRefund {
  shopifyId: string;
  at: Date;
  lines: { line: DemoOrderLine; quantity: number }[];
  /** Every line refunded in full. */
  full: boolean;
}

export interface DemoOrder {
  shopifyId: string;
  number: number;
  name: string;
  customer: DemoCustomer;
  placedAt: Date;
  lines: DemoOrderLine[];
  fulfillmentId: string;
  fulfilledAt: Date;
  trackingNumber: string;
  deliveryEventId: string;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  refunds: DemoRefund[];
}

export interface DemoShopData {
  now: Date;
  products: DemoProduct[];
  customers: DemoCustomer[];
  orders: DemoOrder[];
}

/** One thing that happened to an order, as Shopify would tell the app about it with a webhook. */
export type DemoOrderEvent =
  | { kind: "fulfilled"; at: Date; order: DemoOrder }
  | { kind: "delivered"; at: Date; order: DemoOrder }
  | { kind: "cancelled"; at: Date; order: DemoOrder }
  | { kind: "refund"; at: Date; order: DemoOrder; refund: DemoRefund };

export interface DemoShopSize {
  customers: number;
  orders: number;
}

/** `size` is for tests that need a small shop fast; the demo always uses the full size. */
export function generateDemoShop(options: { now: Date; seed?: number; size?: DemoShopSize }): DemoShopData {
  const random = new SeededRandom(options.seed ?? DEMO_SEED);
  const now = options.now;
  const size = options.size ?? { customers: DEMO_CUSTOMER_COUNT, orders: DEMO_ORDER_COUNT };
  const historyStart = new Date(now.getTime() - HISTORY_DAYS * DAY);
  const customers = generateCustomers(random, size.customers, {
    from: new Date(historyStart.getTime() - 365 * DAY),
    to: new Date(now.getTime() - 7 * DAY),
  });
  const sellable = DEMO_PRODUCTS.filter((p) => p.kind !== "gift_card");
  const giftCard = DEMO_PRODUCTS.find((p) => p.kind === "gift_card");

  // Orders grow towards today (a shop that is doing well) and stop three days ago, so every order in the
  // demo has shipped. A few customers buy again and again; most buy once or twice.
  const placements = Array.from({ length: size.orders }, () => {
    const ageFraction = 1 - Math.sqrt(random.next());
    const placedAt = new Date(now.getTime() - 3 * DAY - Math.floor(ageFraction * (HISTORY_DAYS - 3) * DAY));
    const customer = customers[Math.floor(Math.pow(random.next(), 1.7) * customers.length)];
    return { placedAt, customer };
  }).sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());

  let lineCounter = 0;
  const orders = placements.map(({ placedAt, customer }, index): DemoOrder => {
    const lineCount = random.weighted([
      [1, 55],
      [2, 30],
      [3, 15],
    ] as const);
    const products = random.sample(sellable, lineCount);
    if (giftCard && random.chance(0.04)) products.push(giftCard);
    const lines = products.map((product): DemoOrderLine => {
      lineCounter += 1;
      const multiples = product.kind === "home" && random.chance(0.15);
      return {
        shopifyLineId: String(LINE_ID_BASE + lineCounter * 7),
        product,
        variant: random.pick(product.variants),
        quantity: multiples ? 2 : 1,
        priceCents: product.priceCents,
      };
    });

    const number = 1001 + index;
    const domestic = customer.address.countryCode === "SE";
    const fulfilledAt = new Date(placedAt.getTime() + random.int(18, 60) * HOUR);
    const transitHours = (domestic ? random.int(20, 96) : random.int(60, 160)) + random.int(0, 59) / 60;
    // Carriers do not report every delivery; a tenth of parcels arrive without a "delivered" event.
    const deliveredAtCandidate = new Date(fulfilledAt.getTime() + transitHours * HOUR);
    const deliveredAt = random.chance(0.9) && deliveredAtCandidate < now ? deliveredAtCandidate : null;

    const roll = random.next();
    let cancelledAt: Date | null = null;
    const refunds: DemoRefund[] = [];
    const refundAt = (after: Date) =>
      new Date(Math.min(now.getTime() - HOUR, after.getTime() + random.int(24, 240) * HOUR));
    if (roll < 0.015) {
      // Lost in transit or stopped at the door: cancelled after it shipped, money back in full.
      cancelledAt = new Date(Math.min(now.getTime() - HOUR, fulfilledAt.getTime() + random.int(20, 72) * HOUR));
      refunds.push({
        shopifyId: "",
        at: cancelledAt,
        lines: lines.map((line) => ({ line, quantity: line.quantity })),
        full: true,
      });
    } else if (roll < 0.03) {
      // Returned everything.
      refunds.push({
        shopifyId: "",
        at: refundAt(deliveredAt ?? fulfilledAt),
        lines: lines.map((line) => ({ line, quantity: line.quantity })),
        full: true,
      });
    } else if (roll < 0.07 && lines.length > 1) {
      // Returned one thing that did not fit or did not please.
      const line = random.pick(lines);
      refunds.push({
        shopifyId: "",
        at: refundAt(deliveredAt ?? fulfilledAt),
        lines: [{ line, quantity: line.quantity }],
        full: false,
      });
    }

    return {
      ...demoOrderIds(number, domestic),
      customer,
      placedAt,
      lines,
      fulfilledAt,
      deliveredAt: cancelledAt ? null : deliveredAt,
      cancelledAt,
      refunds,
    };
  });

  let refundCounter = 0;
  for (const order of orders) {
    for (const refund of order.refunds) refund.shopifyId = String(REFUND_ID_BASE + ++refundCounter * 19);
  }

  return { now, products: DEMO_PRODUCTS, customers, orders };
}

/** The Shopify ids of demo order number N (the seed's orders are #1001..; the demo controls add more). */
export function demoOrderIds(number: number, domestic = true) {
  return {
    shopifyId: String(ORDER_ID_BASE + number * 13),
    number,
    name: `#${number}`,
    fulfillmentId: String(FULFILLMENT_ID_BASE + number * 11),
    trackingNumber: `${domestic ? "UA" : "RR"}${String(100_000_000 + number * 7919).slice(0, 9)}SE`,
    deliveryEventId: String(EVENT_ID_BASE + number * 17),
  };
}

/** A new line of a demo order, with an id no seeded line uses. */
export function demoOrderLine(
  orderNumber: number,
  position: number,
  product: DemoProduct,
  variant: DemoProduct["variants"][number],
  quantity = 1,
): DemoOrderLine {
  return {
    shopifyLineId: String(LINE_ID_BASE + 9_000_000 + orderNumber * 10 + position),
    product,
    variant,
    quantity,
    priceCents: product.priceCents,
  };
}

/** Every webhook-worthy event of the shop's history, oldest first (the order Shopify would send them in). */
export function demoOrderEvents(shop: DemoShopData): DemoOrderEvent[] {
  const events: DemoOrderEvent[] = [];
  for (const order of shop.orders) {
    events.push({ kind: "fulfilled", at: order.fulfilledAt, order });
    if (order.deliveredAt) events.push({ kind: "delivered", at: order.deliveredAt, order });
    if (order.cancelledAt) events.push({ kind: "cancelled", at: order.cancelledAt, order });
    for (const refund of order.refunds) events.push({ kind: "refund", at: refund.at, order, refund });
  }
  const rank = { fulfilled: 0, delivered: 1, cancelled: 2, refund: 3 } as const;
  return events.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || rank[a.kind] - rank[b.kind] || a.order.number - b.order.number,
  );
}

export function orderTotalCents(order: DemoOrder): number {
  return order.lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
}
