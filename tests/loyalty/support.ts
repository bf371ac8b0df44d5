// Loyalty test rows, and (shared with bench:loyalty) a gateway that misbehaves the ways Shopify does.
import { randomBytes } from "node:crypto";
import db from "~/db.server";
import { CostBuckets, type AdminCallOptions } from "~/modules/shopify";
import { manualClock } from "../shopify/support/fake-admin";

let sequence = 0;

export function uniqueShop(prefix = "loyal"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}.myshopify.com`;
}

export async function loyaltyShop(fields: Partial<{ currency: string; name: string }> = {}): Promise<string> {
  const shop = uniqueShop();
  await db.shop.create({
    data: {
      shop,
      name: fields.name ?? "Lind & Co",
      email: "hej@lindco.se",
      currency: fields.currency ?? "SEK",
      timezone: "Europe/Stockholm",
      installedAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  return shop;
}

/** A customer as the orders module records them, with a Shopify id. */
export async function customer(
  shop: string,
  fields: Partial<{ email: string; firstName: string; locale: string }> = {},
) {
  sequence += 1;
  const shopifyId = String(7_100_000_000 + sequence * 7);
  return db.customer.create({
    data: {
      shop,
      shopifyId,
      email: fields.email ?? `member${sequence}@example.se`,
      firstName: fields.firstName ?? "Astrid",
      lastName: "Lind",
      locale: fields.locale ?? "en",
    },
  });
}

export function requestId(): string {
  return `req-${randomBytes(8).toString("hex")}`;
}

export const adminOptions = (): AdminCallOptions => ({ clock: manualClock(), buckets: new CostBuckets() });

export { faultyGateway, type Fault, type FaultyGateway } from "../../scripts/bench/support/faulty-admin";
