// The admin's view of review requests: the Requests list (keyset pagination) and one request's detail.
//
// Pagination is keyset, never OFFSET: the cursor is the last row's (sendAt, id), and the next page is
// "rows strictly after that pair in the chosen order". Every page costs one index range scan whatever its
// depth (scripts/bench/requests-list.ts measures it at 100k rows). Rows inserted while a merchant pages do
// not shift later pages, so nothing is shown twice or skipped.
//
// Search is index-friendly on purpose (no "contains", which scans every row of the shop): a term matches
//   - the start of the order name ("1001", "#1001" and "#100" find order #1001; @@index([shop, orderName])),
//   - or the start of the customer's email, lower-cased ("anna@", "anna.lind@ex"; the orders module stores
//     emails lower-cased; @@index([shop, email])).
// How each database answers a prefix from its index is explained at prefixOf below.
import { DateTime } from "luxon";
import { z } from "zod";
import db, { dbProvider } from "../../../db.server";
import type { Prisma } from "../../../db.server";

import { merchantActionsFor, type MerchantActions } from "./merchant-actions.server";
import type { ReviewRequestStatus } from "../request-statuses";
import type { StoryEvent } from "./request-story";

export type ListedRequestStatus = ReviewRequestStatus;

export type RequestListOrder = "sendAt_desc" | "sendAt_asc";
export type PageDirection = "next" | "prev";

export interface RequestListOptions {
  status?: ListedRequestStatus | ListedRequestStatus[];
  /** An order name (exact) or the start of a customer's email. */
  query?: string;
  /** Inclusive lower bound on the send date. */
  sendFrom?: Date;
  /** Exclusive upper bound on the send date. */
  sendBefore?: Date;
  order?: RequestListOrder;
  /** An opaque cursor from a previous page's `nextCursor` or `prevCursor`. */
  cursor?: string | null;
  direction?: PageDirection;
  limit: number;
}

export interface RequestListRow {
  id: string;
  status: string;
  sendAt: Date;
  sentAt: Date | null;
  remindedAt: Date | null;
  reviewedAt: Date | null;
  email: string | null;
  orderName: string | null;
  customerName: string | null;
  productCount: number;
}

export interface RequestListPage {
  rows: RequestListRow[];
  /** Pass with direction "next" to get the page after this one; null on the last page. */
  nextCursor: string | null;
  /** Pass with direction "prev" to get the page before this one; null on the first page. */
  prevCursor: string | null;
}

export const MAX_PAGE_SIZE = 250;

const CursorSchema = z.object({ t: z.number().int(), i: z.string().min(1).max(64) });
type Cursor = { sendAt: Date; id: string };

export function encodeRequestCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.sendAt.getTime(), i: cursor.id })).toString("base64url");
}

/** A cursor from the URL; anything that is not one of ours reads as "start from the first page". */
export function decodeRequestCursor(value: string | null | undefined): Cursor | null {
  if (!value || value.length > 200) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { sendAt: new Date(parsed.data.t), id: parsed.data.i } : null;
  } catch {
    return null;
  }
}

/** The smallest string greater than every string starting with `prefix` (the upper bound of a prefix range). */
function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * A prefix match the index can answer. LIKE 'prefix%' uses a B-tree on neither database here (SQLite wants a
 * NOCASE column; PostgreSQL wants the "C" collation or text_pattern_ops, and treats "C.UTF-8" as neither),
 * so the prefix is also written as the range [prefix, successor(prefix)), which any B-tree answers; the
 * startsWith keeps the match exact. The range is only sound where strings compare byte by byte: SQLite
 * always; PostgreSQL when the database collation is C-like. Under a linguistic collation, which ignores
 * punctuation ("li{" sorts before "liza"), it would drop matches, so there the search is startsWith alone.
 */
function prefixOf(field: "email" | "orderName", prefix: string, rangeIsExact: boolean): Prisma.ReviewRequestWhereInput {
  if (!rangeIsExact) return { [field]: { startsWith: prefix } };
  return { AND: [{ [field]: { gte: prefix, lt: prefixUpperBound(prefix) } }, { [field]: { startsWith: prefix } }] };
}

let byteOrderedCollation: Promise<boolean> | undefined;

/** Whether text compares byte by byte in this database (asked once per process). */
function textComparesByteByByte(): Promise<boolean> {
  if (dbProvider() === "sqlite") return Promise.resolve(true);
  byteOrderedCollation ??= db.$queryRaw<
    { collation: string }[]
  >`SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()`
    .then((rows) => /^(C|POSIX|C\.UTF-?8|ucs_basic)$/i.test(rows[0]?.collation ?? ""))
    .catch(() => false);
  return byteOrderedCollation;
}

/**
 * The ways a search term can match, one filter each. They are queried separately and merged: a single
 * query with an OR of them makes the planner walk the send-date index and test every row of the shop.
 */
function searchBranches(rawQuery: string, rangeIsExact: boolean): Prisma.ReviewRequestWhereInput[] {
  const term = rawQuery.trim();
  if (term === "") return [];
  const byEmail = prefixOf("email", term.toLowerCase(), rangeIsExact);
  // Order names are "#1001" unless the shop changed its prefix; "1001" and "#10" are what merchants type.
  if (!/^#?[0-9A-Za-z-]+$/.test(term)) return [byEmail];
  const names = term.startsWith("#") ? [term] : [`#${term}`, term];
  return [...names.map((name) => prefixOf("orderName", name, rangeIsExact)), byEmail];
}

const LIST_SELECT = {
  id: true,
  status: true,
  sendAt: true,
  sentAt: true,
  remindedAt: true,
  reviewedAt: true,
  email: true,
  orderName: true,
  customerId: true,
} satisfies Prisma.ReviewRequestSelect;

/**
 * One page of a shop's review requests, newest send date first unless `order` says otherwise.
 * `rows` are always in display order, whichever direction was travelled.
 */
export async function listReviewRequests(shop: string, options: RequestListOptions): Promise<RequestListPage> {
  const limit = Math.min(Math.max(1, Math.floor(options.limit)), MAX_PAGE_SIZE);
  const descending = (options.order ?? "sendAt_desc") === "sendAt_desc";
  const direction = options.direction ?? "next";
  const cursor = decodeRequestCursor(options.cursor);
  // Travelling backwards walks the index the other way from the cursor, then the page is flipped back.
  const scanDescending = direction === "next" ? descending : !descending;

  const filters: Prisma.ReviewRequestWhereInput[] = [{ shop }];
  if (options.status !== undefined) {
    const statuses = Array.isArray(options.status) ? options.status : [options.status];
    filters.push(statuses.length === 1 ? { status: statuses[0] } : { status: { in: statuses } });
  }
  if (options.sendFrom) filters.push({ sendAt: { gte: options.sendFrom } });
  if (options.sendBefore) filters.push({ sendAt: { lt: options.sendBefore } });
  if (cursor) {
    const beyond = scanDescending ? "lt" : "gt";
    const atOrBeyond = scanDescending ? "lte" : "gte";
    // The redundant bound on sendAt alone gives the planner a plain index range to seek to; the OR settles ties.
    filters.push({ sendAt: { [atOrBeyond]: cursor.sendAt } });
    filters.push({
      OR: [{ sendAt: { [beyond]: cursor.sendAt } }, { sendAt: cursor.sendAt, id: { [beyond]: cursor.id } }],
    });
  }

  const sort: Prisma.SortOrder = scanDescending ? "desc" : "asc";
  const branches = options.query ? searchBranches(options.query, await textComparesByteByByte()) : [];
  const wheres = branches.length === 0 ? [{ AND: filters }] : branches.map((branch) => ({ AND: [...filters, branch] }));
  const results = await Promise.all(
    wheres.map((where) =>
      db.reviewRequest.findMany({
        where,
        orderBy: [{ sendAt: sort }, { id: sort }],
        take: limit + 1,
        select: LIST_SELECT,
      }),
    ),
  );
  // Each branch returned its own first limit+1 rows in scan order, so the union's first limit+1 are among them.
  const byId = new Map(results.flat().map((row) => [row.id, row]));
  const sign = scanDescending ? -1 : 1;
  const found = [...byId.values()].sort(
    (a, b) => sign * (a.sendAt.getTime() - b.sendAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const hasMoreInTravelDirection = found.length > limit;
  const page = found.slice(0, limit);
  if (direction === "prev") page.reverse();

  const ids = page.map((r) => r.id);
  const [customers, itemCounts] = await Promise.all([
    db.customer.findMany({
      where: { shop, id: { in: page.flatMap((r) => (r.customerId ? [r.customerId] : [])) } },
      select: { id: true, firstName: true, lastName: true, email: true },
    }),
    // Counted for this page's requests only (a _count select would aggregate the whole item table first).
    db.reviewRequestItem.groupBy({
      by: ["requestId"],
      where: { shop, requestId: { in: ids } },
      _count: { _all: true },
    }),
  ]);
  const customersById = new Map(customers.map((c) => [c.id, c]));
  const productCounts = new Map(itemCounts.map((c) => [c.requestId, c._count._all]));

  const rows: RequestListRow[] = page.map((r) => {
    const customer = r.customerId ? customersById.get(r.customerId) : undefined;
    return {
      id: r.id,
      status: r.status,
      sendAt: r.sendAt,
      sentAt: r.sentAt,
      remindedAt: r.remindedAt,
      reviewedAt: r.reviewedAt,
      email: r.email ?? customer?.email ?? null,
      orderName: r.orderName || null,
      customerName: customer ? customerDisplayName(customer) : null,
      productCount: productCounts.get(r.id) ?? 0,
    };
  });

  const first = rows[0];
  const last = rows[rows.length - 1];
  // Coming from a cursor means there is something on the side we came from.
  const hasNext = direction === "next" ? hasMoreInTravelDirection : cursor !== null;
  const hasPrev = direction === "prev" ? hasMoreInTravelDirection : cursor !== null;
  return {
    rows,
    nextCursor: hasNext && last ? encodeRequestCursor(last) : null,
    prevCursor: hasPrev && first ? encodeRequestCursor(first) : null,
  };
}

function customerDisplayName(customer: { firstName: string | null; lastName: string | null }): string | null {
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ").trim();
  return name === "" ? null : name;
}

export interface ReviewRequestDetail {
  id: string;
  status: string;
  basis: string;
  locale: string;
  email: string | null;
  sendAt: Date;
  sentAt: Date | null;
  reminderAt: Date | null;
  remindedAt: Date | null;
  reviewedAt: Date | null;
  postponeCount: number;
  cancelReason: string | null;
  lastError: string | null;
  createdAt: Date;
  /** When the merchant pressed "Send now" (or the demo made it due), until the dispatcher sends it. */
  sendNowRequestedAt: Date | null;
  /** What the merchant can do to it now (merchant-actions.server.ts). */
  actions: MerchantActions;
  order: {
    id: string;
    name: string;
    placedAt: Date;
    fulfilledAt: Date | null;
    deliveredAt: Date | null;
    cancelledAt: Date | null;
  } | null;
  customer: { id: string; name: string | null; email: string | null; optedOut: boolean } | null;
  items: { productShopifyId: string; title: string; imageUrl: string | null; reviewedAt: Date | null }[];
  emails: {
    id: string;
    kind: string;
    subject: string;
    toAddress: string;
    status: string;
    createdAt: Date;
    sentAt: Date | null;
    error: string | null;
  }[];
  /** The request's events (details parsed), for its story (request-story.ts). */
  events: StoryEvent[];
}

/** RequestEvent.detail is a JSON object written by the requests module; anything else is kept as text. */
function eventDetail(detail: string | null): Record<string, unknown> {
  if (!detail) return {};
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { detail };
  } catch {
    return { detail };
  }
}

/** One request of the shop with everything the detail screen shows, or null if the shop has no such request. */
export async function loadReviewRequestDetail(shop: string, requestId: string): Promise<ReviewRequestDetail | null> {
  const request = await db.reviewRequest.findFirst({
    where: { shop, id: requestId },
    include: {
      items: { orderBy: { position: "asc" } },
      events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
    },
  });
  if (!request) return null;
  const [order, customer, emails] = await Promise.all([
    db.order.findFirst({
      where: { shop, id: request.orderId },
      select: { id: true, name: true, placedAt: true, fulfilledAt: true, deliveredAt: true, cancelledAt: true },
    }),
    request.customerId
      ? db.customer.findFirst({
          where: { shop, id: request.customerId },
          select: { id: true, firstName: true, lastName: true, email: true, optedOutAt: true },
        })
      : Promise.resolve(null),
    db.emailMessage.findMany({
      where: { shop, requestId: request.id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        kind: true,
        subject: true,
        toAddress: true,
        status: true,
        createdAt: true,
        sentAt: true,
        error: true,
      },
    }),
  ]);

  return {
    id: request.id,
    status: request.status,
    basis: request.basis,
    locale: request.locale,
    email: request.email ?? customer?.email ?? null,
    sendAt: request.sendAt,
    sentAt: request.sentAt,
    reminderAt: request.reminderAt,
    remindedAt: request.remindedAt,
    reviewedAt: request.reviewedAt,
    postponeCount: request.postponeCount,
    cancelReason: request.cancelReason,
    lastError: request.lastError,
    createdAt: request.createdAt,
    sendNowRequestedAt: request.sendNowRequestedAt,
    actions: merchantActionsFor(request),
    order,
    customer: customer
      ? {
          id: customer.id,
          name: customerDisplayName(customer),
          email: customer.email,
          optedOut: customer.optedOutAt !== null,
        }
      : null,
    items: request.items.map((i) => ({
      productShopifyId: i.productShopifyId,
      title: i.title,
      imageUrl: i.imageUrl,
      reviewedAt: i.reviewedAt,
    })),
    emails,
    events: request.events.map((e) => ({ at: e.at, type: e.type, detail: eventDetail(e.detail) })),
  };
}

/**
 * Whole days picked in the admin ("2025-06-01" to "2025-06-30", both included) as the instants the list
 * filters on, in the shop's time zone: a merchant in Stockholm means Stockholm midnights.
 */
export function sendDateRange(zone: string, fromDay?: string, toDay?: string): { sendFrom?: Date; sendBefore?: Date } {
  const day = (value: string | undefined) => {
    if (!value) return undefined;
    const parsed = DateTime.fromISO(value, { zone });
    return parsed.isValid ? parsed.startOf("day") : undefined;
  };
  const from = day(fromDay);
  const to = day(toDay);
  return { sendFrom: from?.toJSDate(), sendBefore: to?.plus({ days: 1 }).toJSDate() };
}
