// The local Admin API stand-in used in demo mode and tests (Shopify cannot be reached there). It answers
// the operations the gateway sends, by operation name, from the local database, and records every call.
import db from "../../db.server";
import type { AdminGraphql } from "./types";

type StandInHandler = (shop: string, variables: Record<string, unknown>) => Promise<unknown>;

const handlers = new Map<string, StandInHandler>();

export function registerStandInOperation(operationName: string, handler: StandInHandler): void {
  handlers.set(operationName, handler);
}

function operationNameOf(query: string): string | null {
  return /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1] ?? null;
}

export function createStandInGraphql(shop: string): AdminGraphql {
  return async (query, options) => {
    const variables = options?.variables ?? {};
    const name = operationNameOf(query);
    const handler = name ? handlers.get(name) : undefined;
    const body = handler
      ? { data: await handler(shop, variables), extensions: { cost: { requestedQueryCost: 1, actualQueryCost: 1, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 } } } }
      : { errors: [{ message: `The demo Admin API stand-in does not answer ${name ?? "anonymous operations"}.` }] };
    await db.adminApiCall.create({
      data: { shop, operation: name ?? "anonymous", variables: JSON.stringify(variables), response: JSON.stringify(body) },
    });
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  };
}
