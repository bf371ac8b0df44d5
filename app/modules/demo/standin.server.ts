// The local Admin API stand-in used in demo mode and tests (Shopify cannot be reached there). It answers every
// operation in app/modules/shopify/operations, by operation name, from the local database, in the shape the real
// API returns (so the gateway's parsing runs unchanged), reports a cost bucket like Shopify's, can be told to
// throttle, and records every call in AdminApiCall. Only app/admin-auth.server.ts hands it out (the injection
// point), and only in demo mode or under NODE_ENV=test.
import { createHash } from "node:crypto";
import { z } from "zod";
import db from "../../db.server";
import type {
  AdminGraphql,
  CustomerQueryData,
  DiscountCodeBasicCreateMutationData,
  DiscountCodeDeleteMutationData,
  DiscountCodeFreeShippingCreateMutationData,
  CodeDiscountNodeByCodeQueryData,
  MetafieldsSetMutationData,
  MetafieldsDeleteMutationData,
  ProductRatingMetafieldsQueryData,
  OrderDetailsQueryData,
  ProductNode,
  ProductsByIdsQueryData,
  ProductsPageQueryData,
  ShopInfoQueryData,
  StandardMetafieldDefinitionEnableMutationData,
  ThrottleStatus,
} from "../shopify";

type StandInHandler = (shop: string, variables: Record<string, unknown>) => Promise<unknown>;
interface StandInOperation {
  handle: StandInHandler;
  /** Roughly what Shopify would charge: one point per object, connections by their page size. */
  cost: (variables: Record<string, unknown>) => number;
}

const operations = new Map<string, StandInOperation>();

export function registerStandInOperation(
  operationName: string,
  handle: StandInHandler,
  cost: StandInOperation["cost"] = () => 1,
): void {
  operations.set(operationName, { handle, cost });
}

export function standInOperationNames(): string[] {
  return [...operations.keys()];
}

// ------------------------------------------------------------------ simulated cost bucket

interface SimulatedBucket extends ThrottleStatus {
  at: number;
  now: () => number;
}

const throttledShops = new Map<string, SimulatedBucket>();
const UNTHROTTLED = { maximumAvailable: 2000, restoreRate: 100 };

/**
 * Makes the stand-in keep a leaky bucket for `shop` that starts at `currentlyAvailable` and answers
 * THROTTLED when a call costs more than is left, as Shopify does. `now` lets a test drive time.
 */
export function setStandInThrottle(
  shop: string,
  bucket: { currentlyAvailable: number; maximumAvailable?: number; restoreRate?: number; now?: () => number },
): void {
  const now = bucket.now ?? Date.now;
  throttledShops.set(shop, {
    currentlyAvailable: bucket.currentlyAvailable,
    maximumAvailable: bucket.maximumAvailable ?? UNTHROTTLED.maximumAvailable,
    restoreRate: bucket.restoreRate ?? UNTHROTTLED.restoreRate,
    at: now(),
    now,
  });
}

export function clearStandInThrottle(shop: string): void {
  throttledShops.delete(shop);
}

/** Spends `cost` from the shop's simulated bucket; false (nothing spent) when it cannot cover it. */
function spend(shop: string, cost: number): { allowed: boolean; status: ThrottleStatus } {
  const bucket = throttledShops.get(shop);
  if (!bucket) {
    return { allowed: true, status: { ...UNTHROTTLED, currentlyAvailable: UNTHROTTLED.maximumAvailable - cost } };
  }
  const now = bucket.now();
  bucket.currentlyAvailable = Math.min(
    bucket.maximumAvailable,
    bucket.currentlyAvailable + (bucket.restoreRate * (now - bucket.at)) / 1000,
  );
  bucket.at = now;
  const status = () => ({
    maximumAvailable: bucket.maximumAvailable,
    currentlyAvailable: Math.floor(bucket.currentlyAvailable),
    restoreRate: bucket.restoreRate,
  });
  if (cost > bucket.currentlyAvailable) return { allowed: false, status: status() };
  bucket.currentlyAvailable -= cost;
  return { allowed: true, status: status() };
}

// ------------------------------------------------------------------ transport

function operationNameOf(query: string): string | null {
  return /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1] ?? null;
}

// Shopify makes a discount code unique atomically; the stand-in keeps its codes in its call log, so the
// discount mutations of one shop run one at a time (answer and record together), or two concurrent creates of
// the same code would both succeed here where Shopify answers the second with TAKEN.
const discountQueues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(shop: string, work: () => Promise<T>): Promise<T> {
  const previous = discountQueues.get(shop) ?? Promise.resolve();
  const next = previous.then(work, work);
  discountQueues.set(
    shop,
    next.catch(() => undefined),
  );
  return next;
}

export function createStandInGraphql(shop: string): AdminGraphql {
  return async (query, options) => {
    const name = operationNameOf(query);
    if (name && /^DiscountCode\w+Mutation$/.test(name))
      return oneAtATime(shop, () => answerStandIn(shop, name, query, options));
    return answerStandIn(shop, name, query, options);
  };
}

async function answerStandIn(
  shop: string,
  name: string | null,
  query: string,
  options: { variables?: Record<string, unknown> } | undefined,
): Promise<Response> {
  const variables = options?.variables ?? {};
  const operation = name ? operations.get(name) : undefined;
  let body: unknown;
  if (!operation) {
    body = { errors: [{ message: `The demo Admin API stand-in does not answer ${name ?? "anonymous operations"}.` }] };
  } else {
    const requestedQueryCost = operation.cost(variables);
    const { allowed, status } = spend(shop, requestedQueryCost);
    body = allowed
      ? {
          data: await operation.handle(shop, variables),
          extensions: { cost: { requestedQueryCost, actualQueryCost: requestedQueryCost, throttleStatus: status } },
        }
      : {
          // The answer Shopify gives when the bucket is short: https://shopify.dev/docs/api/usage/limits#rate-limiting-methods
          errors: [
            {
              message: "Throttled",
              extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
            },
          ],
          extensions: { cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: status } },
        };
  }
  await db.adminApiCall.create({
    data: {
      shop,
      operation: name ?? "anonymous",
      variables: JSON.stringify(variables),
      response: JSON.stringify(body),
    },
  });
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

// ------------------------------------------------------------------ answers from the local database

function gid(resource: string, id: string): string {
  return id.startsWith("gid://") ? id : `gid://shopify/${resource}/${id}`;
}

/** Our rows keep numeric ids, but a row written from a GID works too. */
function idForms(id: string): string[] {
  const numeric = /^gid:\/\/shopify\/[A-Za-z]+\/(.+)$/.exec(id)?.[1] ?? id;
  return [...new Set([id, numeric])];
}

/** A stable number for things our database has no numeric id for (metafields, definitions). */
function stableNumber(...parts: string[]): string {
  return String(parseInt(createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 12), 16));
}

const cursorOf = (value: string) => Buffer.from(JSON.stringify({ last: value })).toString("base64url");
function afterCursor(cursor: unknown): string | null {
  if (typeof cursor !== "string" || !cursor) return null;
  try {
    const parsed = z
      .object({ last: z.string() })
      .safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data.last : null;
  } catch {
    return null;
  }
}

type ProductRow = Awaited<ReturnType<typeof db.product.findMany>>[number];

function productNode(row: ProductRow): ProductNode {
  return {
    id: gid("Product", row.shopifyId),
    title: row.title,
    handle: row.handle,
    productType: row.productType ?? "",
    vendor: row.vendor ?? "",
    isGiftCard: row.isGiftCard,
    status: row.status.toUpperCase(),
    updatedAt: row.updatedAt.toISOString(),
    featuredMedia: row.imageUrl ? { preview: { image: { url: row.imageUrl } } } : null,
  };
}

registerStandInOperation(
  "ShopInfoQuery",
  async (shop): Promise<ShopInfoQueryData> => {
    const row = await db.shop.findUnique({ where: { shop } });
    const fallbackName = shop.replace(/\.myshopify\.com$/, "").replace(/-/g, " ");
    const email = row?.email ?? `owner@${shop}`;
    return {
      shop: {
        id: gid("Shop", stableNumber(shop)),
        name: row?.name ?? fallbackName,
        email,
        contactEmail: email,
        currencyCode: row?.currency ?? "USD",
        ianaTimezone: row?.timezone ?? "UTC",
        myshopifyDomain: shop,
      },
      shopLocales: [{ locale: row?.primaryLocale ?? "en", primary: true, published: true }],
    };
  },
  () => 2,
);

registerStandInOperation(
  "ProductsByIdsQuery",
  async (shop, variables): Promise<ProductsByIdsQueryData> => {
    const { ids } = z.object({ ids: z.array(z.string()) }).parse(variables);
    const rows = await db.product.findMany({ where: { shop, shopifyId: { in: ids.flatMap(idForms) } } });
    return {
      nodes: ids.map((id) => {
        const row = rows.find((r) => idForms(id).includes(r.shopifyId));
        return row ? productNode(row) : null;
      }),
    };
  },
  (variables) => 1 + 4 * (Array.isArray(variables.ids) ? variables.ids.length : 1),
);

registerStandInOperation(
  "ProductsPageQuery",
  async (shop, variables): Promise<ProductsPageQueryData> => {
    const { first, after, query } = z
      .object({ first: z.number().int().min(1).max(250), after: z.string().nullish(), query: z.string().nullish() })
      .parse(variables);
    // The one search term the gateway sends; Shopify ignores terms it does not know, and so does the stand-in.
    const updatedSince = query ? /updated_at:>'([^']+)'/.exec(query)?.[1] : undefined;
    const last = afterCursor(after);
    const rows = await db.product.findMany({
      where: {
        shop,
        ...(last ? { id: { gt: last } } : {}),
        ...(updatedSince ? { updatedAt: { gt: new Date(updatedSince) } } : {}),
      },
      orderBy: { id: "asc" },
      take: first + 1,
    });
    const page = rows.slice(0, first);
    return {
      products: {
        nodes: page.map(productNode),
        pageInfo: {
          hasNextPage: rows.length > first,
          endCursor: page.length ? cursorOf(page[page.length - 1].id) : null,
        },
      },
    };
  },
  (variables) => 2 + 4 * (typeof variables.first === "number" ? variables.first : 50),
);

const FINANCIAL_STATUSES = [
  "AUTHORIZED",
  "EXPIRED",
  "PAID",
  "PARTIALLY_PAID",
  "PARTIALLY_REFUNDED",
  "PENDING",
  "REFUNDED",
  "VOIDED",
];
const FULFILLMENT_STATUSES = [
  "FULFILLED",
  "IN_PROGRESS",
  "ON_HOLD",
  "OPEN",
  "PARTIALLY_FULFILLED",
  "PENDING_FULFILLMENT",
  "REQUEST_DECLINED",
  "RESTOCKED",
  "SCHEDULED",
  "UNFULFILLED",
];

// Our rows keep the webhook (REST) spelling, e.g. "partially_refunded" or "partial"; GraphQL has its own enums.
function displayFinancialStatus(order: { financialStatus: string | null; refundedAt: Date | null }): string | null {
  const upper = order.financialStatus?.toUpperCase() ?? (order.refundedAt ? "REFUNDED" : null);
  return upper && FINANCIAL_STATUSES.includes(upper) ? upper : null;
}

function displayFulfillmentStatus(order: { fulfillmentStatus: string | null; fulfilledAt: Date | null }): string {
  const upper = order.fulfillmentStatus?.toUpperCase();
  if (upper === "PARTIAL") return "PARTIALLY_FULFILLED";
  if (upper && FULFILLMENT_STATUSES.includes(upper)) return upper;
  return order.fulfilledAt ? "FULFILLED" : "UNFULFILLED";
}

type CustomerRow = NonNullable<Awaited<ReturnType<typeof db.customer.findFirst>>>;

async function shopLocale(shop: string): Promise<string> {
  return (await db.shop.findUnique({ where: { shop }, select: { primaryLocale: true } }))?.primaryLocale ?? "en";
}

const LINE_ITEMS_PAGE = 50;

registerStandInOperation(
  "OrderDetailsQuery",
  async (shop, variables): Promise<OrderDetailsQueryData> => {
    const { id, lineItemsAfter } = z.object({ id: z.string(), lineItemsAfter: z.string().nullish() }).parse(variables);
    const order = await db.order.findFirst({
      where: { shop, shopifyId: { in: idForms(id) } },
      include: { lines: { orderBy: { id: "asc" } } },
    });
    if (!order) return { order: null };
    const customer: CustomerRow | null = order.customerId
      ? await db.customer.findFirst({ where: { shop, id: order.customerId, redactedAt: null } })
      : null;
    const last = afterCursor(lineItemsAfter);
    const remaining = last ? order.lines.filter((line) => line.id > last) : order.lines;
    const page = remaining.slice(0, LINE_ITEMS_PAGE);
    const orderId = /(\d+)$/.exec(order.shopifyId)?.[1] ?? stableNumber(order.id);
    return {
      order: {
        id: gid("Order", order.shopifyId),
        name: order.name,
        email: order.email,
        customerLocale: order.locale,
        currencyCode: order.currency,
        processedAt: order.placedAt.toISOString(),
        updatedAt: (order.shopifyUpdatedAt ?? order.updatedAt).toISOString(),
        cancelledAt: order.cancelledAt?.toISOString() ?? null,
        displayFinancialStatus: displayFinancialStatus(order),
        displayFulfillmentStatus: displayFulfillmentStatus(order),
        customer: customer && {
          id: gid("Customer", customer.shopifyId ?? stableNumber(customer.id)),
          firstName: customer.firstName,
          lastName: customer.lastName,
          locale: customer.locale ?? (await shopLocale(shop)),
          defaultEmailAddress: customer.email ? { emailAddress: customer.email } : null,
        },
        lineItems: {
          nodes: page.map((line) => {
            const left = Math.max(0, line.quantity - line.refundedQuantity);
            return {
              id: gid("LineItem", line.shopifyLineId),
              title: line.title,
              variantTitle: line.variantTitle,
              sku: line.sku,
              quantity: line.quantity,
              currentQuantity: left,
              refundableQuantity: left,
              isGiftCard: line.isGiftCard,
              requiresShipping: line.requiresShipping,
              product: line.productShopifyId ? { id: gid("Product", line.productShopifyId) } : null,
              variant: line.variantShopifyId ? { id: gid("ProductVariant", line.variantShopifyId) } : null,
              originalUnitPriceSet: {
                shopMoney: { amount: (line.priceCents / 100).toFixed(2), currencyCode: order.currency },
              },
            };
          }),
          pageInfo: {
            hasNextPage: remaining.length > page.length,
            endCursor: page.length ? cursorOf(page[page.length - 1].id) : null,
          },
        },
        // Our rows keep one fulfillment per order: when it shipped and when the carrier said it arrived.
        fulfillments: order.fulfilledAt
          ? [
              {
                id: gid("Fulfillment", orderId),
                status: "SUCCESS",
                displayStatus: order.deliveredAt ? "DELIVERED" : "FULFILLED",
                createdAt: order.fulfilledAt.toISOString(),
                inTransitAt: null,
                deliveredAt: order.deliveredAt?.toISOString() ?? null,
              },
            ]
          : [],
      },
    };
  },
  () => 1 + 1 + (2 + LINE_ITEMS_PAGE * 3) + 20,
);

registerStandInOperation(
  "CustomerQuery",
  async (shop, variables): Promise<CustomerQueryData> => {
    const { id } = z.object({ id: z.string() }).parse(variables);
    const row = await db.customer.findFirst({ where: { shop, shopifyId: { in: idForms(id) }, redactedAt: null } });
    if (!row) return { customer: null };
    const name = [row.firstName, row.lastName].filter(Boolean).join(" ");
    return {
      customer: {
        id: gid("Customer", row.shopifyId ?? id),
        firstName: row.firstName,
        lastName: row.lastName,
        displayName: name || row.email || "",
        locale: row.locale ?? (await shopLocale(shop)),
        defaultEmailAddress: row.email
          ? {
              emailAddress: row.email,
              marketingState: row.acceptsMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
              marketingOptInLevel: row.acceptsMarketing ? "SINGLE_OPT_IN" : null,
              marketingUpdatedAt: null,
            }
          : null,
      },
    };
  },
  () => 2,
);

// ------------------------------------------------------------------ mutations

const MetafieldInputSchema = z.object({
  ownerId: z.string(),
  namespace: z.string(),
  key: z.string(),
  type: z.string(),
  value: z.string(),
});
type MetafieldsSetUserError = NonNullable<MetafieldsSetMutationData["metafieldsSet"]>["userErrors"][number];

// The checks Shopify makes for the two types the app writes. https://shopify.dev/docs/apps/build/custom-data/metafields/list-of-data-types
function metafieldValueProblem(type: string, value: string): string | null {
  if (type === "number_integer") return /^-?\d+$/.test(value) ? null : "Value must be an integer.";
  if (type === "rating") {
    const parsed = z
      .object({ value: z.string(), scale_min: z.string(), scale_max: z.string() })
      .safeParse(safeJson(value));
    if (!parsed.success) return "Value must be a JSON object with value, scale_min and scale_max.";
    const [rating, min, max] = [parsed.data.value, parsed.data.scale_min, parsed.data.scale_max].map(Number);
    if ([rating, min, max].some((n) => Number.isNaN(n))) return "Value must contain decimal numbers.";
    return rating >= min && rating <= max
      ? null
      : `Value must be between ${parsed.data.scale_min} and ${parsed.data.scale_max}.`;
  }
  if (type === "json") return safeJson(value) === undefined ? "Value must be valid JSON." : null;
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

registerStandInOperation(
  "MetafieldsSetMutation",
  async (shop, variables): Promise<MetafieldsSetMutationData> => {
    const { metafields } = z.object({ metafields: z.array(MetafieldInputSchema) }).parse(variables);
    const userErrors: MetafieldsSetUserError[] = [];
    if (metafields.length > 25) {
      userErrors.push({
        field: ["metafields"],
        message: "Exceeded the maximum metafields input limit of 25.",
        code: "LESS_THAN_OR_EQUAL_TO",
        elementIndex: null,
      });
    }
    for (const [index, input] of metafields.entries()) {
      const owner = /^gid:\/\/shopify\/Product\//.test(input.ownerId)
        ? await db.product.findFirst({
            where: { shop, shopifyId: { in: idForms(input.ownerId) } },
            select: { id: true },
          })
        : /^gid:\/\/shopify\/Customer\//.test(input.ownerId)
          ? await standInCustomerExists(shop, input.ownerId)
          : null;
      if (!owner)
        userErrors.push({
          field: ["metafields", String(index), "ownerId"],
          message: "Owner does not exist.",
          code: "INVALID",
          elementIndex: index,
        });
      const problem = metafieldValueProblem(input.type, input.value);
      if (problem)
        userErrors.push({
          field: ["metafields", String(index), "value"],
          message: problem,
          code: "INVALID_VALUE",
          elementIndex: index,
        });
    }
    if (userErrors.length) return { metafieldsSet: { metafields: [], userErrors } };
    // All or nothing, as in Shopify: the shop's metafields change only when every input was valid.
    await db.$transaction(
      metafields.map((m) =>
        db.standInMetafield.upsert({
          where: { shop_ownerId_namespace_key: { shop, ownerId: m.ownerId, namespace: m.namespace, key: m.key } },
          create: { shop, ownerId: m.ownerId, namespace: m.namespace, key: m.key, type: m.type, value: m.value },
          update: { type: m.type, value: m.value },
        }),
      ),
    );
    return {
      metafieldsSet: {
        metafields: metafields.map((m) => ({
          id: gid("Metafield", stableNumber(shop, m.ownerId, m.namespace, m.key)),
          namespace: m.namespace,
          key: m.key,
          type: m.type,
          value: m.value,
        })),
        userErrors: [],
      },
    };
  },
  () => 10,
);

registerStandInOperation(
  "MetafieldsDeleteMutation",
  async (shop, variables): Promise<MetafieldsDeleteMutationData> => {
    const { metafields } = z
      .object({ metafields: z.array(z.object({ ownerId: z.string(), namespace: z.string(), key: z.string() })) })
      .parse(variables);
    const deletedMetafields: { ownerId: string; namespace: string; key: string }[] = [];
    for (const m of metafields) {
      const removed = await db.standInMetafield.deleteMany({
        where: { shop, ownerId: m.ownerId, namespace: m.namespace, key: m.key },
      });
      if (removed.count > 0) deletedMetafields.push(m);
    }
    return { metafieldsDelete: { deletedMetafields, userErrors: [] } };
  },
  () => 10,
);

registerStandInOperation(
  "ProductRatingMetafieldsQuery",
  async (shop, variables): Promise<ProductRatingMetafieldsQueryData> => {
    const { ids } = z.object({ ids: z.array(z.string()) }).parse(variables);
    const products = await db.product.findMany({
      where: { shop, shopifyId: { in: ids.flatMap(idForms) } },
      select: { shopifyId: true },
    });
    const held = await db.standInMetafield.findMany({
      where: { shop, ownerId: { in: ids.map((id) => gid("Product", id)) }, namespace: "reviews" },
    });
    return {
      nodes: ids.map((id) => {
        if (!products.some((p) => idForms(id).includes(p.shopifyId))) return null;
        const ownerId = gid("Product", id);
        const value = (key: string) => {
          const row = held.find((m) => m.ownerId === ownerId && m.key === key);
          return row ? { value: row.value } : null;
        };
        return { id: ownerId, rating: value("rating"), ratingCount: value("rating_count") };
      }),
    };
  },
  (variables) => 2 + (Array.isArray(variables.ids) ? variables.ids.length : 1),
);

/**
 * The metafields a product holds in the stand-in's "shop" (what metafieldsSet wrote and metafieldsDelete did
 * not remove since), per "namespace.key": the demo's storefront preview renders the theme blocks from it.
 */
export async function standInProductMetafields(
  shop: string,
  productId: string,
): Promise<Record<string, { type: string; value: string }>> {
  const ownerIds = [...new Set(idForms(productId).map((id) => gid("Product", id)))];
  const rows = await db.standInMetafield.findMany({
    where: { shop, ownerId: { in: ownerIds } },
    orderBy: { key: "asc" },
  });
  return Object.fromEntries(rows.map((row) => [`${row.namespace}.${row.key}`, { type: row.type, value: row.value }]));
}

const STANDARD_PRODUCT_DEFINITIONS: Record<string, string> = {
  "reviews.rating": "rating",
  "reviews.rating_count": "number_integer",
};

registerStandInOperation(
  "StandardMetafieldDefinitionEnableMutation",
  async (shop, variables): Promise<StandardMetafieldDefinitionEnableMutationData> => {
    const { namespace, key } = z
      .object({ ownerType: z.literal("PRODUCT"), namespace: z.string(), key: z.string() })
      .parse(variables);
    const type = STANDARD_PRODUCT_DEFINITIONS[`${namespace}.${key}`];
    if (!type) {
      return {
        standardMetafieldDefinitionEnable: {
          createdDefinition: null,
          userErrors: [
            {
              field: null,
              message: "A standard definition wasn't found for the specified namespace and key.",
              code: "TEMPLATE_NOT_FOUND",
            },
          ],
        },
      };
    }
    const earlier = await recordedPayloads(shop, "StandardMetafieldDefinitionEnableMutation");
    const enabled = earlier.some((body) => {
      const created = z
        .object({
          data: z.object({
            standardMetafieldDefinitionEnable: z.object({
              createdDefinition: z.object({ namespace: z.string(), key: z.string() }),
            }),
          }),
        })
        .safeParse(body);
      return (
        created.success &&
        created.data.data.standardMetafieldDefinitionEnable.createdDefinition.namespace === namespace &&
        created.data.data.standardMetafieldDefinitionEnable.createdDefinition.key === key
      );
    });
    if (enabled) {
      return {
        standardMetafieldDefinitionEnable: {
          createdDefinition: null,
          userErrors: [
            {
              field: ["key"],
              message: "Key is in use for Product metafields on the 'reviews' namespace.",
              code: "TAKEN",
            },
          ],
        },
      };
    }
    return {
      standardMetafieldDefinitionEnable: {
        createdDefinition: {
          id: gid("MetafieldDefinition", stableNumber(shop, namespace, key)),
          namespace,
          key,
          type: { name: type },
        },
        userErrors: [],
      },
    };
  },
  () => 10,
);

/** Bodies the stand-in answered earlier for an operation: its memory of what exists in the "shop". */
async function recordedPayloads(shop: string, operation: string): Promise<unknown[]> {
  const rows = await db.adminApiCall.findMany({
    where: { shop, operation },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { response: true },
  });
  return rows.map((row) => safeJson(row.response));
}

const CreatedNodeSchema = z.object({
  codeDiscountNode: z.object({
    id: z.string(),
    codeDiscount: z.object({ codes: z.object({ nodes: z.array(z.object({ code: z.string() })) }) }),
  }),
});
const CreatedDiscountSchema = z.object({
  data: z.union([
    z.object({ discountCodeBasicCreate: CreatedNodeSchema }).transform((d) => d.discountCodeBasicCreate),
    z.object({ discountCodeFreeShippingCreate: CreatedNodeSchema }).transform((d) => d.discountCodeFreeShippingCreate),
  ]),
});
const DeletedDiscountSchema = z.object({
  data: z.object({ discountCodeDelete: z.object({ deletedCodeDiscountId: z.string() }) }),
});

/** Discount codes created through the stand-in and not deleted since, from the call log. */
async function liveDiscounts(shop: string): Promise<{ id: string; code: string }[]> {
  const bodies = [
    ...(await recordedPayloads(shop, "DiscountCodeBasicCreateMutation")),
    ...(await recordedPayloads(shop, "DiscountCodeFreeShippingCreateMutation")),
  ];
  const created = bodies.flatMap((body) => {
    const parsed = CreatedDiscountSchema.safeParse(body);
    if (!parsed.success) return [];
    const node = parsed.data.data.codeDiscountNode;
    return node.codeDiscount.codes.nodes.map((c) => ({ id: node.id, code: c.code }));
  });
  const deleted = new Set(
    (await recordedPayloads(shop, "DiscountCodeDeleteMutation")).flatMap((body) => {
      const parsed = DeletedDiscountSchema.safeParse(body);
      return parsed.success ? [parsed.data.data.discountCodeDelete.deletedCodeDiscountId] : [];
    }),
  );
  return created.filter((d) => !deleted.has(d.id));
}

/** What both discount code creates send (shopify's customerBoundCodeFields), as the stand-in reads it. */
const CodeDiscountInputSchema = z.object({
  title: z.string(),
  code: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullish(),
  usageLimit: z.number().int().nullish(),
  appliesOncePerCustomer: z.boolean().nullish(),
});

const DiscountInputSchema = z.object({
  basicCodeDiscount: CodeDiscountInputSchema.extend({
    customerGets: z.object({
      value: z.object({
        percentage: z.number().optional(),
        discountAmount: z.object({ amount: z.string() }).optional(),
      }),
    }),
  }),
});
type DiscountUserError = NonNullable<
  DiscountCodeBasicCreateMutationData["discountCodeBasicCreate"]
>["userErrors"][number];

registerStandInOperation(
  "DiscountCodeBasicCreateMutation",
  async (shop, variables): Promise<DiscountCodeBasicCreateMutationData> => {
    const { basicCodeDiscount: input } = DiscountInputSchema.parse(variables);
    const userErrors: DiscountUserError[] = [];
    const live = await liveDiscounts(shop);
    if (!input.code.trim())
      userErrors.push({
        field: ["basicCodeDiscount", "code"],
        message: "Code can't be blank",
        code: "BLANK",
        extraInfo: null,
      });
    if (live.some((d) => d.code.toLowerCase() === input.code.toLowerCase())) {
      userErrors.push({
        field: ["basicCodeDiscount", "code"],
        message: "Code must be unique. Please try a different code.",
        code: "TAKEN",
        extraInfo: null,
      });
    }
    const { percentage } = input.customerGets.value;
    if (percentage !== undefined && (percentage <= 0 || percentage > 1)) {
      userErrors.push({
        field: ["basicCodeDiscount", "customerGets", "value", "percentage"],
        message: "Value must be between 0.0 and 1.0",
        code: "VALUE_OUTSIDE_RANGE",
        extraInfo: null,
      });
    }
    if (userErrors.length) return { discountCodeBasicCreate: { codeDiscountNode: null, userErrors } };
    return { discountCodeBasicCreate: { codeDiscountNode: await newCodeDiscountNode(shop, input), userErrors: [] } };
  },
  () => 10,
);

registerStandInOperation(
  "DiscountCodeDeleteMutation",
  async (shop, variables): Promise<DiscountCodeDeleteMutationData> => {
    const { id } = z.object({ id: z.string() }).parse(variables);
    const exists = (await liveDiscounts(shop)).some((d) => d.id === id);
    return exists
      ? { discountCodeDelete: { deletedCodeDiscountId: id, userErrors: [] } }
      : {
          discountCodeDelete: {
            deletedCodeDiscountId: null,
            userErrors: [{ field: ["id"], message: "Discount does not exist", code: "INVALID", extraInfo: null }],
          },
        };
  },
  () => 10,
);

const DISCOUNT_CREATE_OPERATIONS = ["DiscountCodeBasicCreateMutation", "DiscountCodeFreeShippingCreateMutation"];

/** The node Shopify answers a created code discount with (either kind), numbered after the earlier ones. */
async function newCodeDiscountNode(
  shop: string,
  input: {
    title: string;
    code: string;
    startsAt: string;
    endsAt?: string | null;
    usageLimit?: number | null;
    appliesOncePerCustomer?: boolean | null;
  },
) {
  const created = await db.adminApiCall.count({ where: { shop, operation: { in: DISCOUNT_CREATE_OPERATIONS } } });
  return {
    id: gid("DiscountCodeNode", String(1_000_001 + created)),
    codeDiscount: {
      title: input.title,
      status: new Date(input.startsAt) > new Date() ? "SCHEDULED" : "ACTIVE",
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? null,
      usageLimit: input.usageLimit ?? null,
      appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
      codes: { nodes: [{ code: input.code }] },
    },
  };
}

/** A customer the stand-in "has": one the app recorded, or any numeric id (tests seldom write Customer rows). */
async function standInCustomerExists(shop: string, ownerId: string): Promise<{ id: string } | null> {
  const customer = await db.customer.findFirst({
    where: { shop, shopifyId: { in: idForms(ownerId) } },
    select: { id: true },
  });
  return customer ?? (/\/\d+$/.test(ownerId) ? { id: ownerId } : null);
}

const FreeShippingInputSchema = z.object({
  freeShippingCodeDiscount: CodeDiscountInputSchema.extend({
    context: z.object({ customers: z.object({ add: z.array(z.string()) }) }).nullish(),
  }),
});

registerStandInOperation(
  "DiscountCodeFreeShippingCreateMutation",
  async (shop, variables): Promise<DiscountCodeFreeShippingCreateMutationData> => {
    const { freeShippingCodeDiscount: input } = FreeShippingInputSchema.parse(variables);
    const userErrors: DiscountUserError[] = [];
    if (!input.code.trim())
      userErrors.push({
        field: ["freeShippingCodeDiscount", "code"],
        message: "Code can't be blank",
        code: "BLANK",
        extraInfo: null,
      });
    if ((await liveDiscounts(shop)).some((d) => d.code.toLowerCase() === input.code.toLowerCase())) {
      userErrors.push({
        field: ["freeShippingCodeDiscount", "code"],
        message: "Code must be unique. Please try a different code.",
        code: "TAKEN",
        extraInfo: null,
      });
    }
    if (userErrors.length) return { discountCodeFreeShippingCreate: { codeDiscountNode: null, userErrors } };
    return {
      discountCodeFreeShippingCreate: { codeDiscountNode: await newCodeDiscountNode(shop, input), userErrors: [] },
    };
  },
  () => 10,
);

registerStandInOperation(
  "CodeDiscountNodeByCodeQuery",
  async (shop, variables): Promise<CodeDiscountNodeByCodeQueryData> => {
    const { code } = z.object({ code: z.string() }).parse(variables);
    const found = (await liveDiscounts(shop)).find((d) => d.code.toLowerCase() === code.toLowerCase());
    return {
      codeDiscountNodeByCode: found ? { id: found.id, codeDiscount: { status: "ACTIVE", endsAt: null } } : null,
    };
  },
  () => 2,
);

/** Codes the stand-in holds for a shop (created, not deleted): what a real shop's Discounts list would show. */
export async function standInDiscountCodes(shop: string): Promise<{ id: string; code: string }[]> {
  return liveDiscounts(shop);
}
