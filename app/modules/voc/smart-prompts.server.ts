// Smart Prompts: for each product on the review page, the few topics worth writing about that the shopper may not
// think of, chosen from what the shop's reviews talk about for this product and for products of the same type
// (fit for jeans, packaging for mugs), with sensible defaults for a product nobody has reviewed yet; and the compact
// keyword index the page's script needs to mark a prompt "covered" while the shopper writes (English and the
// page's language: shoppers in Sweden write English too).
import db from "../../db.server";
import { BUILT_IN_TOPICS, topicCountsForProducts, topicVocabulary, type TopicCounts } from "../insights";
import { isApparelProduct } from "../reviews";
import type { ShopperLanguage } from "../shopper-language";
import { calendarDayOf, shopTimeZone, weekStartOf } from "../shops";
import type { PromptIndex } from "../../shopper/prompt-coverage";

export const PROMPTS_PER_PRODUCT = 4;
/** Topics about the shop, not the product: the store question's, never prompted under a product. */
const STORE_TOPICS = new Set(["shipping_delivery", "customer_service", "returns_exchanges"]);
/** Topics about the product itself, in the insights module's order. */
const PRODUCT_TOPICS: readonly string[] = BUILT_IN_TOPICS.map((topic): string => topic.key).filter(
  (key) => !STORE_TOPICS.has(key),
);
const WEARABLE_ONLY = new Set(["size_fit", "comfort"]);
const LOOKBACK_WEEKS = 52;
const WEEK_MS = 7 * 86_400_000;

type ProductKind = "apparel" | "home" | "other";

/** What a shopper of a product of this kind usually has something to say about, before any review exists. */
const DEFAULTS: Record<ProductKind, Record<string, number>> = {
  apparel: { size_fit: 3, quality: 2, comfort: 2, appearance: 1 },
  home: { quality: 2, durability: 2, packaging: 2, appearance: 1, functionality: 1 },
  other: { quality: 2, functionality: 2, ease_of_use: 1, price_value: 1 },
};

const HOME_WORDS =
  /\b(mugs?|cups?|bowls?|plates?|kitchen\w*|home\w*|ceramics?|glass\w*|vases?|candles?|linens?|bedding|towels?)\b/i;

function kindOf(product: { productType: string | null; title: string }): ProductKind {
  if (isApparelProduct(product)) return "apparel";
  return HOME_WORDS.test(`${product.productType ?? ""} ${product.title}`) ? "home" : "other";
}

/** Mentions and complaints both say a topic matters; complaints say it a little more. */
function weight(counts: TopicCounts | undefined, topic: string): number {
  const entry = counts?.get(topic);
  return entry ? entry.mentions + entry.negative : 0;
}

function share(counts: TopicCounts | undefined, topic: string): number {
  if (!counts) return 0;
  let total = 0;
  for (const key of PRODUCT_TOPICS) total += weight(counts, key);
  return total === 0 ? 0 : weight(counts, topic) / total;
}

export interface SmartPrompts {
  /** Per product id: the topics to prompt, most useful first. */
  products: Record<string, Array<{ key: string; label: string }>>;
  /** The keyword index for every prompted topic on the page. */
  index: PromptIndex;
}

export async function smartPromptsFor(
  shop: string,
  productShopifyIds: readonly string[],
  locale: ShopperLanguage,
  now: Date = new Date(),
): Promise<SmartPrompts> {
  const products = await db.product.findMany({
    where: { shop, shopifyId: { in: [...productShopifyIds] } },
    select: { shopifyId: true, title: true, productType: true },
  });
  const types = [...new Set(products.map((product) => product.productType).filter((type): type is string => !!type))];
  const siblings = types.length
    ? await db.product.findMany({
        where: { shop, productType: { in: types }, isGiftCard: false },
        select: { shopifyId: true, productType: true },
        take: 500,
      })
    : [];
  const zone = await shopTimeZone(shop);
  const since = new Date(weekStartOf(calendarDayOf(now, zone)).getTime() - (LOOKBACK_WEEKS - 1) * WEEK_MS);
  const counts = await topicCountsForProducts(
    shop,
    [...new Set([...productShopifyIds, ...siblings.map((sibling) => sibling.shopifyId)])],
    since,
  );
  const byType = new Map<string, TopicCounts>();
  for (const sibling of siblings) {
    const into = byType.get(sibling.productType!) ?? new Map();
    for (const [topic, entry] of counts.get(sibling.shopifyId) ?? []) {
      const sum = into.get(topic) ?? { mentions: 0, negative: 0 };
      into.set(topic, { mentions: sum.mentions + entry.mentions, negative: sum.negative + entry.negative });
    }
    byType.set(sibling.productType!, into);
  }
  const labels = new Map(BUILT_IN_TOPICS.map((topic) => [topic.key as string, topic.labels[locale]]));

  const chosen: SmartPrompts["products"] = {};
  const prompted = new Set<string>();
  for (const id of productShopifyIds) {
    const product = products.find((candidate) => candidate.shopifyId === id) ?? { title: "", productType: null };
    const kind = kindOf(product);
    const own = counts.get(id);
    const ofType = product.productType ? byType.get(product.productType) : undefined;
    const defaults = DEFAULTS[kind];
    const defaultTotal = Object.values(defaults).reduce((sum, value) => sum + value, 0);
    const scored = PRODUCT_TOPICS.filter((topic) => kind === "apparel" || !WEARABLE_ONLY.has(topic))
      .map((topic) => ({
        topic,
        // The product's own reviews weigh most, then its type's, then what such products usually get.
        score: 3 * share(own, topic) + 2 * share(ofType, topic) + (defaults[topic] ?? 0) / defaultTotal,
      }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score || PRODUCT_TOPICS.indexOf(a.topic) - PRODUCT_TOPICS.indexOf(b.topic))
      .slice(0, PROMPTS_PER_PRODUCT);
    chosen[id] = scored.map(({ topic }) => ({ key: topic, label: labels.get(topic) ?? topic }));
    for (const { topic } of scored) prompted.add(topic);
  }

  const languages = locale === "en" ? ["en"] : ["en", locale];
  const index: PromptIndex = {};
  for (const topic of PRODUCT_TOPICS)
    if (prompted.has(topic)) index[topic] = topicVocabulary(topic, languages).join("|");
  return { products: chosen, index };
}
