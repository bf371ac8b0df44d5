// The moderation facts that need the database: how many other reviews of the shop carry the same or nearly
// the same text, how many came from one email or one network address lately, and what the insights engine
// reads in the text. moderation.ts turns them into reasons.
import { createHash } from "node:crypto";
import type { DbClient } from "../../db.server";
import { analyzeReview } from "../insights";
import { BURST_WINDOW_HOURS, type ModerationFacts } from "./moderation";

/** Texts shorter than this ("Great!", "Bra") are written by many people; they are not duplicates. */
const MIN_DUPLICATE_LENGTH = 25;
const DUPLICATE_LOOKBACK_DAYS = 90;
const DUPLICATE_SCAN_LIMIT = 500;
/** Word-trigram overlap (Jaccard) from which two texts count as "nearly the same". */
const NEAR_DUPLICATE_SIMILARITY = 0.8;
/** Fewer words than this give the sentiment too little to contradict the stars. */
const MIN_WORDS_FOR_SENTIMENT = 4;

export function normalisedText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function shingles(text: string): Set<string> {
  const words = text.split(" ");
  const set = new Set<string>();
  if (words.length < 3) set.add(text);
  for (let i = 0; i + 3 <= words.length; i += 1) set.add(words.slice(i, i + 3).join(" "));
  return set;
}

export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = shingles(a);
  const y = shingles(b);
  let shared = 0;
  for (const item of x) if (y.has(item)) shared += 1;
  return shared / (x.size + y.size - shared || 1);
}

/** A network address is kept only as a keyed hash: enough to count, never enough to show or leak. */
export function networkKeyFor(shop: string, address: string | null | undefined): string | null {
  const trimmed = address?.trim();
  if (!trimmed) return null;
  return createHash("sha256").update(`${shop}|${trimmed.toLowerCase()}`).digest("hex").slice(0, 32);
}

export interface FactsInput {
  shop: string;
  /** The review being checked, when it is already saved (an edit): it is not its own duplicate. */
  reviewId?: string | null;
  /** Reviews of one submission (one request) count once in a burst. */
  requestId?: string | null;
  title?: string | null;
  body: string;
  rating: number;
  locale?: string | null;
  email?: string | null;
  networkKey?: string | null;
  now: Date;
}

export async function gatherModerationFacts(client: DbClient, input: FactsInput): Promise<ModerationFacts> {
  const since = new Date(input.now.getTime() - BURST_WINDOW_HOURS * 3_600_000);
  const notThisSubmission = {
    ...(input.reviewId ? { id: { not: input.reviewId } } : {}),
    ...(input.requestId ? { OR: [{ requestId: null }, { requestId: { not: input.requestId } }] } : {}),
  };
  const [similarReviews, fromEmail, fromNetwork] = await Promise.all([
    countSimilarReviews(client, input),
    input.email
      ? client.review.count({
          where: { shop: input.shop, email: input.email, createdAt: { gte: since }, ...notThisSubmission },
        })
      : Promise.resolve(null),
    input.networkKey
      ? client.review.count({
          where: { shop: input.shop, networkKey: input.networkKey, createdAt: { gte: since }, ...notThisSubmission },
        })
      : Promise.resolve(null),
  ]);
  return {
    similarReviews,
    reviewsFromEmail: fromEmail === null ? undefined : fromEmail + 1,
    reviewsFromNetwork: fromNetwork === null ? undefined : fromNetwork + 1,
    sentimentScore: sentimentOf(input),
  };
}

function sentimentOf(input: FactsInput): number | null {
  const text = [input.title, input.body].filter(Boolean).join(". ");
  if (normalisedText(text).split(" ").filter(Boolean).length < MIN_WORDS_FOR_SENTIMENT) return null;
  const lang = input.locale?.slice(0, 2).toLowerCase();
  return analyzeReview(text, lang === "en" || lang === "sv" ? { lang } : {}).score;
}

async function countSimilarReviews(client: DbClient, input: FactsInput): Promise<number> {
  const text = normalisedText(input.body);
  if (text.length < MIN_DUPLICATE_LENGTH) return 0;
  const recent = await client.review.findMany({
    where: {
      shop: input.shop,
      createdAt: { gte: new Date(input.now.getTime() - DUPLICATE_LOOKBACK_DAYS * 86_400_000) },
      ...(input.reviewId ? { id: { not: input.reviewId } } : {}),
      ...(input.requestId ? { OR: [{ requestId: null }, { requestId: { not: input.requestId } }] } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: DUPLICATE_SCAN_LIMIT,
    select: { body: true },
  });
  return recent.filter((row) => textSimilarity(text, normalisedText(row.body)) >= NEAR_DUPLICATE_SIMILARITY).length;
}
