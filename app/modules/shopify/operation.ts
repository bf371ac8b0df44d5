// What every Admin API operation file in ./operations exports: the document Shopify receives, the zod
// schema its `data` must match (the real API, the demo stand-in and test transports all go through it),
// and what the throttle needs to know before the first response has told it the real cost.
import type { z } from "zod";

export interface AdminOperation<TVariables extends Record<string, unknown>, TData> {
  /** Equal to the operation name inside `document` and to the file name; the stand-in dispatches on it. */
  readonly name: string;
  readonly document: string;
  readonly data: z.ZodType<TData, z.ZodTypeDef, unknown>;
  /** Requested cost assumed until Shopify reports the real one (`extensions.cost.requestedQueryCost`). */
  readonly estimatedCost: number;
  /**
   * Safe to send again after an ambiguous failure (network error, 5xx) that may have reached Shopify.
   * Queries are; a create mutation is not (a second discount would be made), so its caller decides.
   */
  readonly idempotent: boolean;
  /** Carries the variables' type only; never set. */
  readonly variablesType?: TVariables;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAdminOperation = AdminOperation<any, any>;

export function isAdminOperation(value: unknown): value is AnyAdminOperation {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<AnyAdminOperation>;
  return (
    typeof candidate.name === "string" && typeof candidate.document === "string" && typeof candidate.data === "object"
  );
}
