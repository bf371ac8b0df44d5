// A gateway that can misbehave the ways Shopify does on a discount create: userErrors, throttling, a 5xx, no
// answer, and a timeout after Shopify already made the code. Behind the faults is the real stand-in, so what
// Shopify "has" is what it would have. Used by tests/loyalty and bench:loyalty.
import type { AdminGraphql } from "../../../app/modules/shopify";
import { createStandInGraphql } from "../../../app/modules/demo";

export type Fault = "user_error" | "throttled" | "server_error" | "timeout_after_success" | "no_answer";

export interface FaultyGateway extends AdminGraphql {
  /** Faults to apply to the next discount-create calls, in order; queries always pass. */
  faults: Fault[];
  creates: number;
}

/** The stand-in behind a switch that injects the next fault into discount-create calls. */
export function faultyGateway(shop: string): FaultyGateway {
  const standIn = createStandInGraphql(shop);
  const gateway = (async (query: string, options?: { variables?: Record<string, unknown> }) => {
    const isCreate = /mutation DiscountCode\w+CreateMutation/.test(query);
    if (!isCreate) return standIn(query, options);
    gateway.creates += 1;
    const fault = gateway.faults.shift();
    switch (fault) {
      case "user_error":
        return jsonResponse({
          data: {
            [/FreeShipping/.test(query) ? "discountCodeFreeShippingCreate" : "discountCodeBasicCreate"]: {
              codeDiscountNode: null,
              userErrors: [
                {
                  field: ["basicCodeDiscount", "customerGets"],
                  message: "Discount value is invalid for this shop.",
                  code: "INVALID",
                  extraInfo: null,
                },
              ],
            },
          },
        });
      case "throttled":
        return jsonResponse({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }] });
      case "server_error":
        return new Response("upstream failure", { status: 502 });
      case "no_answer":
        throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      case "timeout_after_success":
        await standIn(query, options);
        throw Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
      default:
        return standIn(query, options);
    }
  }) as FaultyGateway;
  gateway.faults = [];
  gateway.creates = 0;
  return gateway;
}

function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}
