// Errors the gateway throws. The jobs module stops retrying when `terminal` is true (or on the statuses
// Shopify uses for "this shop cannot be served": 401/402/403/404/423); everything else is worth a retry.
// Messages say what a merchant or operator can do; the logs carry the details.

/** HTTP statuses after which retrying the same call can never succeed. https://shopify.dev/docs/api/usage/response-codes */
export const TERMINAL_HTTP_STATUSES: readonly number[] = [401, 402, 403, 404, 423];

export class ShopifyAdminError extends Error {
  override name = "ShopifyAdminError";
  readonly operation: string;
  readonly shop: string;
  /** HTTP status of Shopify's answer; 200 when the answer carried GraphQL errors; null when no answer came. */
  readonly status: number | null;
  readonly terminal: boolean;
  /** The GraphQL error code (THROTTLED, ACCESS_DENIED, ...) when Shopify gave one. */
  readonly code: string | null;
  /** Seconds worth waiting before trying again (set when Shopify kept throttling); the job queue honours it. */
  readonly retryAfter: number | undefined;

  constructor(input: {
    message: string;
    operation: string;
    shop: string;
    status: number | null;
    terminal: boolean;
    code?: string | null;
    retryAfter?: number;
    cause?: unknown;
  }) {
    super(input.message, input.cause === undefined ? undefined : { cause: input.cause });
    this.operation = input.operation;
    this.shop = input.shop;
    this.status = input.status;
    this.terminal = input.terminal;
    this.code = input.code ?? null;
    this.retryAfter = input.retryAfter;
  }
}

export interface GraphqlErrorDetail {
  message: string;
  code: string | null;
  path: (string | number)[] | null;
}

/** Top-level `errors` in a GraphQL response: the operation as a whole did not run. */
export class ShopifyGraphqlError extends ShopifyAdminError {
  override name = "ShopifyGraphqlError";
  readonly errors: GraphqlErrorDetail[];

  constructor(input: { operation: string; shop: string; errors: GraphqlErrorDetail[]; terminal: boolean }) {
    const messages = input.errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message)).join("; ");
    super({
      message: `Shopify rejected ${input.operation}: ${messages}`,
      operation: input.operation,
      shop: input.shop,
      status: 200,
      terminal: input.terminal,
      code: input.errors.find((e) => e.code)?.code ?? null,
    });
    this.errors = input.errors;
  }
}

export interface UserErrorDetail {
  /** Path to the input field at fault, e.g. ["basicCodeDiscount", "code"]; null when it is about the whole input. */
  field: string[] | null;
  message: string;
  code: string | null;
}

/**
 * A mutation ran but Shopify refused the input (`userErrors`). Sending the same input again gives the same
 * answer, so it is terminal for jobs; callers that can fix the input (a taken discount code) catch it.
 */
export class ShopifyUserError extends ShopifyAdminError {
  override name = "ShopifyUserError";
  readonly userErrors: UserErrorDetail[];

  constructor(input: { operation: string; shop: string; userErrors: UserErrorDetail[] }) {
    const messages = input.userErrors
      .map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message))
      .join("; ");
    super({
      message: `Shopify refused ${input.operation}: ${messages}`,
      operation: input.operation,
      shop: input.shop,
      status: 200,
      terminal: true,
      code: input.userErrors.find((e) => e.code)?.code ?? null,
    });
    this.userErrors = input.userErrors;
  }

  hasCode(code: string): boolean {
    return this.userErrors.some((e) => e.code === code);
  }
}

/** What an operator or merchant can do about an HTTP status from the Admin API. */
export function explainHttpStatus(status: number): string {
  switch (status) {
    case 401:
      return "Kundröst's access token for this shop is invalid or expired: the app must be opened (or reinstalled) from the Shopify admin.";
    case 402:
      return "The shop is frozen for unpaid Shopify bills (402 Payment Required); calls resume once the shop pays.";
    case 403:
      return "Shopify forbids this call (403): the app lacks an access scope or protected customer data approval.";
    case 404:
      return "The shop or the resource does not exist any more (404): the shop may have uninstalled the app or closed.";
    case 423:
      return "The shop is locked by Shopify (423 Locked).";
    case 429:
      return "Shopify kept throttling the app (429 Too Many Requests).";
    default:
      return status >= 500 ? `Shopify had an internal error (${status}).` : `Shopify answered ${status}.`;
  }
}
