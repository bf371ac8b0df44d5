// The detractors behind an NPS (answers 0-6) with what they wrote: the store question's comment and the reviews
// of the same order. One page at a time, newest first, for the same period (and product) as the metrics.
import { z } from "zod";
import db from "../../db.server";
import { addMonths, startOfDayIn } from "../shops";
import { monthsOfPeriod, type MetricsRange } from "./metrics.server";

export const DETRACTORS_PAGE_SIZE = 20;
const DETRACTOR_MAX = 6;

export interface DetractorAnswer {
  id: string;
  nps: number;
  ces: number | null;
  comment: string | null;
  locale: string;
  answeredAt: string;
  orderName: string;
  reviews: Array<{ id: string; rating: number; productTitle: string | null; body: string }>;
}

const Cursor = z.string().regex(/^\d{1,15}:[\w-]{1,64}$/);

function encodeCursor(row: { answeredAt: Date; id: string }): string {
  return Buffer.from(`${row.answeredAt.getTime()}:${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { answeredAt: Date; id: string } | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!Cursor.safeParse(text).success) return null;
  const [time, id] = text.split(":");
  return { answeredAt: new Date(Number(time)), id };
}

export async function detractorAnswersPage(
  shop: string,
  range: MetricsRange,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ answers: DetractorAnswer[]; nextCursor: string | null }> {
  const limit = options.limit ?? DETRACTORS_PAGE_SIZE;
  const { first, last } = monthsOfPeriod(range);
  const after = decodeCursor(options.cursor);
  const rows = await db.storeAnswer.findMany({
    where: {
      shop,
      nps: { lte: DETRACTOR_MAX },
      answeredAt: { gte: startOfDayIn(first, range.zone), lt: startOfDayIn(addMonths(last, 1), range.zone) },
      ...(range.productShopifyId ? { order: { lines: { some: { productShopifyId: range.productShopifyId } } } } : {}),
      ...(after
        ? {
            OR: [{ answeredAt: { lt: after.answeredAt } }, { answeredAt: after.answeredAt, id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ answeredAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      nps: true,
      ces: true,
      comment: true,
      locale: true,
      answeredAt: true,
      orderId: true,
      order: { select: { name: true } },
    },
  });
  const page = rows.slice(0, limit);
  const reviews = page.length
    ? await db.review.findMany({
        where: { shop, orderId: { in: page.map((row) => row.orderId) } },
        select: { id: true, orderId: true, rating: true, body: true, productShopifyId: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const productIds = [...new Set(reviews.map((review) => review.productShopifyId))];
  const products = productIds.length
    ? await db.product.findMany({
        where: { shop, shopifyId: { in: productIds } },
        select: { shopifyId: true, title: true },
      })
    : [];
  const titleOf = new Map(products.map((product) => [product.shopifyId, product.title]));
  return {
    answers: page.map((row) => ({
      id: row.id,
      nps: row.nps!,
      ces: row.ces,
      comment: row.comment,
      locale: row.locale,
      answeredAt: row.answeredAt.toISOString(),
      orderName: row.order.name,
      reviews: reviews
        .filter((review) => review.orderId === row.orderId)
        .map((review) => ({
          id: review.id,
          rating: review.rating,
          productTitle: titleOf.get(review.productShopifyId) ?? null,
          body: review.body,
        })),
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
  };
}
