// TopicAggregate: weekly counts per shop x product x topic x language x rating, with "" / 0 rows for "every
// product / language / rating", so a screen reads a few hundred rows whatever the filter.
//
// The rule that keeps them right: an aggregate is exactly the sum of the shop's TopicMention rows. Every
// change to mentions (analysis, re-analysis, forgetting a deleted review) computes a delta from the rows it
// removes and the rows it adds, and applies it in the SAME transaction as the mention change. A crashed run
// rolls back both; a repeated run removes what the previous one added, so nothing is counted twice.
// recomputeShopAggregates rebuilds from the mentions and is what the tests compare against.
import { randomUUID } from "node:crypto";
import db, { dbProvider, type DbClient } from "../../db.server";
import type { Sentiment } from "./types";

/** The topic of the row every review gets for itself: its overall sentiment, rating and language. */
export const REVIEW_AS_A_WHOLE = "_review";
export const EVERY_PRODUCT = "";
export const EVERY_LANGUAGE = "";
export const EVERY_RATING = 0;

/** What a mention was counted under; TopicMention stores all of it. */
export interface CountedMention {
  productShopifyId: string;
  topic: string;
  sentiment: string;
  score: number;
  language: string;
  rating: number;
  reviewCreatedAt: Date;
}

export interface AggregateKey {
  productShopifyId: string;
  topic: string;
  weekStart: Date;
  language: string;
  rating: number;
}

export interface AggregateCounts {
  positive: number;
  negative: number;
  neutral: number;
  scoreSum: number;
}

export type AggregateDelta = Map<string, AggregateKey & AggregateCounts>;

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week `date` falls in (ISO weeks). */
export function weekStartOf(date: Date): Date {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const mondayBased = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - mondayBased * DAY_MS);
}

function keyString(key: AggregateKey): string {
  return `${key.productShopifyId}\u0001${key.topic}\u0001${key.weekStart.getTime()}\u0001${key.language}\u0001${key.rating}`;
}

/** Adds (sign 1) or removes (sign -1) mentions; each lands in the 8 rows its product/language/rating roll up to. */
export function addToDelta(delta: AggregateDelta, mentions: readonly CountedMention[], sign: 1 | -1): AggregateDelta {
  for (const mention of mentions) {
    const weekStart = weekStartOf(mention.reviewCreatedAt);
    const sentiment = mention.sentiment as Sentiment;
    for (const productShopifyId of [mention.productShopifyId, EVERY_PRODUCT]) {
      for (const language of [mention.language, EVERY_LANGUAGE]) {
        for (const rating of [mention.rating, EVERY_RATING]) {
          const key: AggregateKey = { productShopifyId, topic: mention.topic, weekStart, language, rating };
          const id = keyString(key);
          let entry = delta.get(id);
          if (!entry) {
            entry = { ...key, positive: 0, negative: 0, neutral: 0, scoreSum: 0 };
            delta.set(id, entry);
          }
          if (sentiment === "positive") entry.positive += sign;
          else if (sentiment === "negative") entry.negative += sign;
          else entry.neutral += sign;
          entry.scoreSum += sign * mention.score;
        }
      }
    }
  }
  return delta;
}

function isEmpty(entry: AggregateCounts): boolean {
  return entry.positive === 0 && entry.negative === 0 && entry.neutral === 0 && Math.abs(entry.scoreSum) < 1e-9;
}

const UPSERT_CHUNK = 250;
const AGGREGATE_COLUMNS = [
  "id",
  "shop",
  "productShopifyId",
  "topic",
  "weekStart",
  "language",
  "rating",
  "positive",
  "negative",
  "neutral",
  "scoreSum",
];

/**
 * Applies a delta: one multi-row INSERT ... ON CONFLICT DO UPDATE per chunk (the same SQL on SQLite and
 * PostgreSQL; Prisma's upsert would be a round trip per row), in key order so two transactions touching
 * the same rows on PostgreSQL take their locks in the same order. Rows that end with no mentions are
 * removed, so the table holds exactly what a rebuild would.
 */
export async function applyAggregateDelta(client: DbClient, shop: string, delta: AggregateDelta): Promise<number> {
  const entries = [...delta.entries()]
    .filter(([, entry]) => !isEmpty(entry))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const postgres = dbProvider() === "postgresql";
  const emptied: string[] = [];
  for (let i = 0; i < entries.length; i += UPSERT_CHUNK) {
    const chunk = entries.slice(i, i + UPSERT_CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map(([, entry]) => {
      const values = [
        randomUUID(),
        shop,
        entry.productShopifyId,
        entry.topic,
        entry.weekStart,
        entry.language,
        entry.rating,
        entry.positive,
        entry.negative,
        entry.neutral,
        entry.scoreSum,
      ];
      const placeholders = values.map((value) => {
        params.push(value);
        return postgres ? `$${params.length}` : "?";
      });
      return `(${placeholders.join(", ")})`;
    });
    const sql =
      `INSERT INTO "TopicAggregate" (${AGGREGATE_COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES ${tuples.join(", ")} ` +
      `ON CONFLICT ("shop", "productShopifyId", "topic", "weekStart", "language", "rating") DO UPDATE SET ` +
      ["positive", "negative", "neutral", "scoreSum"]
        .map((column) => `"${column}" = "TopicAggregate"."${column}" + excluded."${column}"`)
        .join(", ") +
      ` RETURNING "id", "positive", "negative", "neutral"`;
    const rows = await client.$queryRawUnsafe<
      Array<{ id: string; positive: number | bigint; negative: number | bigint; neutral: number | bigint }>
    >(sql, ...params);
    for (const row of rows) {
      if (Number(row.positive) === 0 && Number(row.negative) === 0 && Number(row.neutral) === 0) emptied.push(row.id);
    }
  }
  for (let i = 0; i < emptied.length; i += UPSERT_CHUNK) {
    await client.topicAggregate.deleteMany({ where: { shop, id: { in: emptied.slice(i, i + UPSERT_CHUNK) } } });
  }
  return entries.length;
}

/** The rows a set of mentions adds up to, for a rebuild or a bulk load (counts only, no ids). */
export function aggregateRowsFor(
  shop: string,
  mentions: readonly CountedMention[],
): Array<AggregateKey & AggregateCounts & { shop: string }> {
  return [...addToDelta(new Map(), mentions, 1).values()].map((entry) => ({ shop, ...entry }));
}

const REBUILD_PAGE = 5_000;
const INSERT_CHUNK = 500;

/**
 * Rebuilds a shop's aggregates from its mentions. A repair tool and the tests' reference: run it while no
 * analysis of the shop is in flight (it replaces the rows in one transaction).
 */
export async function recomputeShopAggregates(shop: string, client: typeof db = db): Promise<number> {
  const delta: AggregateDelta = new Map();
  let cursor: string | undefined;
  for (;;) {
    const page = await client.topicMention.findMany({
      where: { shop },
      orderBy: { id: "asc" },
      take: REBUILD_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        productShopifyId: true,
        topic: true,
        sentiment: true,
        score: true,
        language: true,
        rating: true,
        reviewCreatedAt: true,
      },
    });
    addToDelta(delta, page, 1);
    if (page.length < REBUILD_PAGE) break;
    cursor = page[page.length - 1].id;
  }
  const rows = [...delta.values()].map((entry) => ({ shop, ...entry }));
  await client.$transaction(
    async (tx) => {
      await tx.topicAggregate.deleteMany({ where: { shop } });
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await tx.topicAggregate.createMany({ data: rows.slice(i, i + INSERT_CHUNK) });
    },
    { timeout: 120_000 },
  );
  return rows.length;
}
