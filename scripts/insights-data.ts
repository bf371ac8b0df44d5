/**
 * The public data sets the insights engine is trained and measured on (docs/data/README.md lists
 * each with its source and licence), read into one record shape, and the split that keeps a
 * held-out part of every training set away from training. Shared by `insights:train` and
 * `insights eval`, so both agree on which text is held out.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export type Polarity = "positive" | "negative" | "neutral";
export const OVERALL_MARK = "@overall";

export interface EvalOpinion {
  polarity: Polarity;
  /** Topic keys that count as finding this opinion (any one); OVERALL_MARK for the whole product. */
  topics: string[];
}

export interface EvalRecord {
  id: string;
  text: string;
  lang: string;
  /** Review-level label, when the data set has one. */
  sentiment?: Polarity;
  opinions: EvalOpinion[];
}

export interface Dataset {
  name: string;
  lang: string;
  /** Where the file comes from, for the weights file's provenance. */
  source: string;
  path: string;
  sha256: string;
  /** Trained on (its train split) or held out as a whole. */
  role: "train" | "heldout";
  records: EvalRecord[];
  /** Records of the same group (e.g. sentences of one review) always land in the same split. */
  groupOf: (record: EvalRecord) => string;
}

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The project's shared folder beside the repository (CI lays a copy of it there too). */
export const semevalPath =
  process.env.KUNDROST_SEMEVAL_PATH ?? resolve(repositoryRoot, "../shared/eval/semeval15-laptops-train.jsonl");
export const SEMEVAL_SHA256 = "3b540fa79325ddf7d6d59d405cc26494a3d53dcdb37063897425fea08f62cfdd";

const polaritySchema = z.enum(["positive", "negative", "neutral"]);
const evalLineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  lang: z.string().optional(),
  sentiment: polaritySchema.optional(),
  opinions: z.array(
    z.object({ category: z.string().optional(), polarity: polaritySchema, topics: z.array(z.string()) }),
  ),
});
const fixtureLineSchema = z.object({
  id: z.string(),
  text: z.string(),
  lang: z.string(),
  sentiment: polaritySchema,
  topics: z.record(polaritySchema),
});

export function sha256Of(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

/**
 * The review-level label of an aspect-annotated text: its whole-product opinion, else the polarity
 * all its opinions share; none when they disagree or there are none.
 */
export function reviewLevelLabel(record: Omit<EvalRecord, "sentiment">): Polarity | undefined {
  const overall = record.opinions.find((opinion) => opinion.topics.includes(OVERALL_MARK));
  if (overall) return overall.polarity;
  const polarities = new Set(record.opinions.map((opinion) => opinion.polarity));
  return polarities.size === 1 ? [...polarities][0] : undefined;
}

/** Lines in the eval format of ../shared/eval/README.md (a review-level `sentiment` is optional). */
export function parseEvalLines(text: string, defaultLang = "en"): { records: EvalRecord[]; bad: number[] } {
  const records: EvalRecord[] = [];
  const bad: number[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      bad.push(index + 1);
      return;
    }
    const result = evalLineSchema.safeParse(parsed);
    if (!result.success) {
      bad.push(index + 1);
      return;
    }
    const { id, text: body, lang, sentiment, opinions } = result.data;
    const record: EvalRecord = { id: String(id), text: body, lang: lang ?? defaultLang, opinions };
    record.sentiment = sentiment ?? reviewLevelLabel(record);
    records.push(record);
  });
  return { records, bad };
}

function readRequired(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} is missing: ${path}`);
  return readFileSync(path, "utf8");
}

function checked(text: string, path: string, expected: string | null): string {
  const actual = sha256Of(text);
  if (expected && actual !== expected)
    throw new Error(`${path} is not the expected version (sha256 ${actual}, want ${expected})`);
  return actual;
}

export function loadSemeval(path = semevalPath): Dataset {
  const text = readRequired(path, "SemEval-2015 laptops (the project's shared/eval folder)");
  const sha256 = checked(text, path, SEMEVAL_SHA256);
  const { records, bad } = parseEvalLines(text);
  if (bad.length > 0) throw new Error(`${path}: lines ${bad.join(", ")} are not eval records`);
  return {
    name: "semeval15-laptops",
    lang: "en",
    source: "SemEval-2015 Task 12 laptops (train), shared/eval/semeval15-laptops-train.jsonl",
    path,
    sha256,
    role: "train",
    records,
    groupOf: (record) => record.id.split(":")[0],
  };
}

/**
 * UCI Sentiment Labelled Sentences (Kotzias et al. 2015, CC BY 4.0), 1,000 sentences each from Amazon
 * product reviews, Yelp and IMDB, as the npm package `sentiment` ships them in its test fixtures: fetched
 * by name and exact version (a devDependency), checked by sha256.
 */
export const UCI_PACKAGE = { name: "sentiment", version: "5.0.2" } as const;
export const UCI_SOURCES = {
  amazon: "bc5eb0cac49fc45987301f1dc2d02cf5ca356ba6c882be179dce77d74e666ed9",
  yelp: "9f3f47983f21eeb819380767b74bfa648eca208f156241111454b3e122773ff7",
  imdb: "44a7b9082ed732ee2de3c858ea5ee2e99aca34f239a1c4359d3a300bf099bdb5",
} as const;
export type UciSource = keyof typeof UCI_SOURCES;

const uciLineSchema = z.object({ text: z.string(), class: z.union([z.literal(0), z.literal(1), z.null()]) });

function packageDirectory(name: string, version: string): string {
  const manifestPath = createRequire(import.meta.url).resolve(`${name}/package.json`);
  const manifest = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  if (manifest.version !== version)
    throw new Error(`npm package ${name} is ${manifest.version}, want ${version} (npm install)`);
  return dirname(manifestPath);
}

export function loadUciSentences(source: UciSource): Dataset {
  const directory = packageDirectory(UCI_PACKAGE.name, UCI_PACKAGE.version);
  const path = resolve(directory, `test/fixtures/${source}.json`);
  const text = readRequired(path, `UCI Sentiment Labelled Sentences (${source})`);
  const sha256 = checked(text, path, UCI_SOURCES[source]);
  const records: EvalRecord[] = [];
  z.array(uciLineSchema)
    .parse(JSON.parse(text))
    .forEach((line, index) => {
      // Each file ends with one empty record ({"text":"","class":null}): not a sentence.
      if (line.class === null || line.text.trim() === "") return;
      records.push({
        id: String(index + 1),
        text: line.text.trim(),
        lang: "en",
        sentiment: line.class === 1 ? "positive" : "negative",
        opinions: [],
      });
    });
  return {
    name: `uci-${source}`,
    lang: "en",
    source: `UCI Sentiment Labelled Sentences (Kotzias et al. 2015, CC BY 4.0), ${source}, npm ${UCI_PACKAGE.name}@${UCI_PACKAGE.version} test/fixtures/${source}.json`,
    path,
    sha256,
    role: "train",
    records,
    groupOf: (record) => record.id,
  };
}

function loadFixtureFile(
  name: string,
  lang: string,
  file: string,
  what: string,
  role: Dataset["role"] = "train",
): Dataset {
  const path = resolve(repositoryRoot, file);
  const text = readRequired(path, what);
  const records = lines(text).map((line): EvalRecord => {
    const fixture = fixtureLineSchema.parse(JSON.parse(line));
    const opinions = Object.entries(fixture.topics).map(([topic, polarity]) => ({ polarity, topics: [topic] }));
    return { id: fixture.id, text: fixture.text, lang: fixture.lang, sentiment: fixture.sentiment, opinions };
  });
  return {
    name,
    lang,
    source: `Kundröst ${what}, ${file}`,
    path,
    sha256: sha256Of(text),
    role,
    records,
    groupOf: (record) => record.id,
  };
}

/** The team's hand-written shop-review sentences (tests/insights/fixtures), as eval records. */
export function loadFixtures(lang: "en" | "sv"): Dataset {
  return loadFixtureFile(
    `fixtures-${lang}`,
    lang,
    `tests/insights/fixtures/${lang}.jsonl`,
    "hand-written shop reviews",
  );
}

/**
 * Swedish reviews that say what happened rather than what the writer thinks ("Skorna släppte i sulan efter en
 * månad"), written by the team in session 6 as training text for the Swedish model (no Swedish review corpus
 * with a usable licence was found; docs/data/README.md). Split like the fixtures; not among the fixtures'
 * accuracy floors, since they are meant to be hard for the rules.
 */
export function loadSwedishImplied(): Dataset {
  return loadFixtureFile(
    "sv-implied",
    "sv",
    "tests/insights/training/sv-implied.jsonl",
    "hand-written Swedish reviews with implied opinions",
  );
}

/**
 * English clothing-shop reviews written by the team in session 7 (fit, fabric, returns: "runs small", "wanted to
 * love this", "fits true to size"), as training text: the English model had learned from laptops, phones,
 * restaurants and films only. Split like the fixtures.
 */
export function loadEnglishApparel(): Dataset {
  return loadFixtureFile(
    "en-apparel",
    "en",
    "tests/insights/training/en-apparel.jsonl",
    "hand-written English clothing reviews",
  );
}

/**
 * Swedish shop reviews written by the team in session 7 (fit, fabric, delivery, returns, with plain
 * descriptions beside them so the model keeps them neutral), as training text. Split like the fixtures.
 */
export function loadSwedishShop(): Dataset {
  return loadFixtureFile("sv-shop", "sv", "tests/insights/training/sv-shop.jsonl", "hand-written Swedish shop reviews");
}

/**
 * Short colloquial Swedish shop reviews written by the team in session 9 in the style of review sites
 * (Trustpilot, Prisjakt): slang ("sjukt bra", "kanon", "funkar"), compounds, text without å/ä/ö, capitals,
 * emoji, lukewarm three-star reviews labelled neutral and plain remarks, as training text. Split like the fixtures.
 */
export function loadSwedishColloquial(): Dataset {
  return loadFixtureFile(
    "sv-colloquial",
    "sv",
    "tests/insights/training/sv-colloquial.jsonl",
    "hand-written colloquial Swedish shop reviews",
  );
}

/**
 * Swedish shop reviews written by the team for evaluation only (no Swedish review data set with a usable
 * licence is on npm): never trained on, never used to tune the lexicon or a threshold.
 */
export function loadSwedishHeldout(): Dataset {
  const path = resolve(repositoryRoot, "tests/insights/heldout/sv-reviews.jsonl");
  const text = readRequired(path, "Swedish held-out reviews");
  const { records, bad } = parseEvalLines(text, "sv");
  if (bad.length > 0) throw new Error(`${path}: lines ${bad.join(", ")} are not eval records`);
  return {
    name: "sv-heldout",
    lang: "sv",
    source: "Kundröst held-out Swedish reviews, tests/insights/heldout/sv-reviews.jsonl",
    path,
    sha256: sha256Of(text),
    role: "heldout",
    records,
    groupOf: (record) => record.id,
  };
}

/**
 * Review text written by the team in sessions 11 to 14, each file by a different writer who had read neither the
 * engine, its lexicons nor any other training or held-out text (docs/data/README.md): fifteen training sets of session
 * 11 (split like the fixtures), two sets of plain statements of fact of session 13 (split the same way; they teach the
 * factual output only), session 14's two sets of verdicts without plain opinion words (split the same way since
 * session 16; they teach polarity only), and fifteen held-out sets, seven of session 11 and eight of session 12 (never
 * trained on, never read to choose a lexicon entry or a threshold).
 */
export const WRITTEN_SETS = [
  {
    name: "sv-sites",
    lang: "sv",
    file: "tests/insights/training/sv-sites.jsonl",
    what: "Swedish review-site reviews of shops and products",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "sv-services",
    lang: "sv",
    file: "tests/insights/training/sv-services.jsonl",
    what: "Swedish reviews of services and companies",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "sv-products",
    lang: "sv",
    file: "tests/insights/training/sv-products.jsonl",
    what: "Swedish product-page reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "sv-companies",
    lang: "sv",
    file: "tests/insights/training/sv-companies.jsonl",
    what: "Swedish company reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "sv-everyday",
    lang: "sv",
    file: "tests/insights/training/sv-everyday.jsonl",
    what: "Swedish reviews of local services, apps and store products",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "sv-marketplace",
    lang: "sv",
    file: "tests/insights/training/sv-marketplace.jsonl",
    what: "Swedish second-hand marketplace, food delivery and grocery reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "sv-detailed",
    lang: "sv",
    file: "tests/insights/training/sv-detailed.jsonl",
    what: "detailed Swedish product reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "sv-travel",
    lang: "sv",
    file: "tests/insights/training/sv-travel.jsonl",
    what: "Swedish travel, app, health and hobby-shop reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "en-fashion",
    lang: "en",
    file: "tests/insights/training/en-fashion.jsonl",
    what: "English fashion reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "en-womenswear",
    lang: "en",
    file: "tests/insights/training/en-womenswear.jsonl",
    what: "English women's clothing reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "en-outfitters",
    lang: "en",
    file: "tests/insights/training/en-outfitters.jsonl",
    what: "English apparel, footwear and accessory reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "en-retailer",
    lang: "en",
    file: "tests/insights/training/en-retailer.jsonl",
    what: "English women's clothing reviews from an online retailer's pages",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "en-shoes-menswear",
    lang: "en",
    file: "tests/insights/training/en-shoes-menswear.jsonl",
    what: "English shoe and menswear reviews",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "en-laptops",
    lang: "en",
    file: "tests/insights/training/en-laptops.jsonl",
    what: "English laptop review sentences",
    role: "train",
    // Its topic labels read laptop talk differently from SemEval's categories (battery and screen remarks as
    // functionality or quality where SemEval names both): with them SemEval's development joint fell 61.6% -> 59.7%.
    // It teaches polarity only.
    teachesTopics: false,
  },
  {
    name: "en-products",
    lang: "en",
    file: "tests/insights/training/en-products.jsonl",
    what: "English product review sentences",
    role: "train",
    teachesTopics: true,
  },
  {
    name: "sv-facts",
    lang: "sv",
    file: "tests/insights/training/sv-facts.jsonl",
    what: "Swedish plain statements of fact (neutral)",
    role: "train",
    teachesTopics: false,
    statesFacts: true,
  },
  {
    name: "en-facts",
    lang: "en",
    file: "tests/insights/training/en-facts.jsonl",
    what: "English plain statements of fact (neutral)",
    role: "train",
    teachesTopics: false,
    statesFacts: true,
  },
  {
    name: "sv-hard",
    lang: "sv",
    file: "tests/insights/training/sv-hard.jsonl",
    what: "Swedish reviews whose verdict is not in plain opinion words: implied, ironic, negated complaints, comparisons",
    role: "train",
    // Written in session 14 and held out whole until session 16 (decision 010). Their verdicts are told as what
    // happened ("Slutade ladda efter nio dagar."), which reads like a statement of fact: as the factual output's
    // counter-examples they taught it that plain statements are verdicts (the fact sets' development fifths read
    // neutral 5 to 9 points less often), so they teach polarity only.
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-hard",
    lang: "en",
    file: "tests/insights/training/en-hard.jsonl",
    what: "English reviews whose verdict is not in plain opinion words: implied, ironic, negated complaints, comparisons",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  // Session 11's last seven sets, held out whole until session 18 (decision 010): trained on, they raised session 12's
  // stranger-written sets (held out) by 1.6 points in Swedish and 0.7 in English. Their verdicts are not the factual
  // output's counter-examples: as such they made it read plain statements as verdicts ("Presenten kom fram." a
  // complaint; the held-out Swedish statements read neutral 82.6 -> 72.7 %).
  {
    name: "sv-blind",
    lang: "sv",
    file: "tests/insights/training/sv-blind.jsonl",
    what: "Swedish reviews of companies, services and products, written blind",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-blind",
    lang: "en",
    file: "tests/insights/training/en-blind.jsonl",
    what: "English fashion reviews, written blind",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-quick",
    lang: "sv",
    file: "tests/insights/training/sv-quick.jsonl",
    what: "short informal Swedish reviews of all kinds of businesses",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-fashion-beauty",
    lang: "sv",
    file: "tests/insights/training/sv-fashion-beauty.jsonl",
    what: "Swedish clothing, shoe, sportswear, jewellery and beauty reviews",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-complaints",
    lang: "sv",
    file: "tests/insights/training/sv-complaints.jsonl",
    what: "Swedish reviews of how companies handled complaints, refunds and claims",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-everyday-wear",
    lang: "en",
    file: "tests/insights/training/en-everyday-wear.jsonl",
    what: "English women's clothing reviews by everyday shoppers",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-general-store",
    lang: "en",
    file: "tests/insights/training/en-general-store.jsonl",
    what: "English general-store product reviews",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-home-garden",
    lang: "sv",
    file: "tests/insights/training/sv-home-garden.jsonl",
    what: "Swedish reviews of furniture, appliances, home textiles and garden gear, and the shops that sold them",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-weighing",
    lang: "sv",
    file: "tests/insights/training/sv-weighing.jsonl",
    what: "Swedish reviews that weigh good against bad and land on a verdict",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-service-stories",
    lang: "sv",
    file: "tests/insights/training/sv-service-stories.jsonl",
    what: "Swedish stories of what happened with services, carriers and customer service",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-family-hobby",
    lang: "sv",
    file: "tests/insights/training/sv-family-hobby.jsonl",
    what: "Swedish reviews of children's, sports, outdoor, pet and hobby products",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-dresses-tops",
    lang: "en",
    file: "tests/insights/training/en-dresses-tops.jsonl",
    what: "English women's clothing reviews with sizes, fabric and fit",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-weighing",
    lang: "en",
    file: "tests/insights/training/en-weighing.jsonl",
    what: "English reviews that weigh good against bad and land on a verdict",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-tech",
    lang: "en",
    file: "tests/insights/training/en-tech.jsonl",
    what: "English reviews of laptops, phones, audio and gadgets, part by part",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-home-beauty",
    lang: "en",
    file: "tests/insights/training/en-home-beauty.jsonl",
    what: "English reviews of home, kitchen, beauty, baby and pet products",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-food-drink",
    lang: "sv",
    file: "tests/insights/training/sv-food-drink.jsonl",
    what: "Swedish reviews of restaurants, takeaway, food boxes and groceries",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-beauty-health",
    lang: "sv",
    file: "tests/insights/training/sv-beauty-health.jsonl",
    what: "Swedish reviews of beauty, health and pharmacy products and the shops that sell them",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-electronics",
    lang: "sv",
    file: "tests/insights/training/sv-electronics.jsonl",
    what: "Swedish reviews of electronics and appliances and the chains that sell them",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-clothes-shoes",
    lang: "sv",
    file: "tests/insights/training/sv-clothes-shoes.jsonl",
    what: "Swedish clothing and shoe reviews with sizes, fabric and fit",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-shoes-accessories",
    lang: "en",
    file: "tests/insights/training/en-shoes-accessories.jsonl",
    what: "English reviews of shoes, bags, jewellery and accessories",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-short-casual",
    lang: "en",
    file: "tests/insights/training/en-short-casual.jsonl",
    what: "short casual English reviews: slang, text speak, emoji",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-services-shops",
    lang: "en",
    file: "tests/insights/training/en-services-shops.jsonl",
    what: "English reviews of online shops and services: delivery, support, refunds, subscriptions",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-menswear-kids",
    lang: "en",
    file: "tests/insights/training/en-menswear-kids.jsonl",
    what: "English reviews of men's, children's, outdoor and sports clothing",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-teen-slang",
    lang: "sv",
    file: "tests/insights/training/sv-teen-slang.jsonl",
    what: "Swedish reviews by young people: slang, English loanwords, emoji, abbreviations",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-older-formal",
    lang: "sv",
    file: "tests/insights/training/sv-older-formal.jsonl",
    what: "Swedish reviews by older customers: polite full sentences, letters, formal wording",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-compare-irony",
    lang: "sv",
    file: "tests/insights/training/sv-compare-irony.jsonl",
    what: "Swedish reviews that compare with earlier purchases or brands, irony, sarcasm and understatement",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-price-compare-site",
    lang: "sv",
    file: "tests/insights/training/sv-price-compare-site.jsonl",
    what: "Swedish product reviews as on a price-comparison site: plus and minus lists, scores, technical detail",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-apps-media",
    lang: "sv",
    file: "tests/insights/training/sv-apps-media.jsonl",
    what: "Swedish reviews of apps, streaming, subscriptions, games, books, courses and booking sites",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-regional-spoken",
    lang: "sv",
    file: "tests/insights/training/sv-regional-spoken.jsonl",
    what: "Swedish written as spoken in different regions, Finland-Swedish among them",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-uk-aus-everyday",
    lang: "en",
    file: "tests/insights/training/en-uk-aus-everyday.jsonl",
    what: "British, Irish, Australian and New Zealand English reviews of everyday products and shops",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-long-detailed",
    lang: "en",
    file: "tests/insights/training/en-long-detailed.jsonl",
    what: "Long English reviews with a backstory, details good and bad, and updates",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-gifts-occasions",
    lang: "sv",
    file: "tests/insights/training/sv-gifts-occasions.jsonl",
    what: "Swedish reviews of gifts and things bought for an occasion, the verdict often told through the receiver",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-sport-outdoor",
    lang: "sv",
    file: "tests/insights/training/sv-sport-outdoor.jsonl",
    what: "Swedish reviews of sport, fitness and outdoor products, told in use",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-updates-longterm",
    lang: "sv",
    file: "tests/insights/training/sv-updates-longterm.jsonl",
    what: "Swedish reviews written or updated after weeks, months or years of use",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-short-star-comments",
    lang: "sv",
    file: "tests/insights/training/sv-short-star-comments.jsonl",
    what: "Short Swedish comments beside a star rating on a web shop's product page",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-pets-animals",
    lang: "sv",
    file: "tests/insights/training/sv-pets-animals.jsonl",
    what: "Swedish reviews of pet products and services, the verdict often told through the animal",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-gifts-reactions",
    lang: "en",
    file: "tests/insights/training/en-gifts-reactions.jsonl",
    what: "English reviews of gifts and things bought for an occasion, the verdict often told through the receiver",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-fitness-outdoor",
    lang: "en",
    file: "tests/insights/training/en-fitness-outdoor.jsonl",
    what: "English reviews of fitness, sport and outdoor products, told in use",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-short-star-comments",
    lang: "en",
    file: "tests/insights/training/en-short-star-comments.jsonl",
    what: "Short English comments beside a star rating on a web shop's product page",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-verdict-turns",
    lang: "sv",
    file: "tests/insights/training/sv-verdict-turns.jsonl",
    what: "Swedish reviews whose verdict turns on small words: negated complaints and praise, 'X, inte Y', men, dock, trots att",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-irony-understatement",
    lang: "sv",
    file: "tests/insights/training/sv-irony-understatement.jsonl",
    what: "Swedish irony, sarcasm, rhetorical questions, understatement, and praise in words that look negative",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-claims-outcomes",
    lang: "sv",
    file: "tests/insights/training/sv-claims-outcomes.jsonl",
    what: "Swedish stories of complaints, warranty claims and refunds, the verdict often in how they ended",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-told-by-outcome",
    lang: "sv",
    file: "tests/insights/training/sv-told-by-outcome.jsonl",
    what: "Swedish reviews of products in use over weeks and months, the verdict told through what happened",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-store-everyday",
    lang: "en",
    file: "tests/insights/training/en-store-everyday.jsonl",
    what: "English reviews of a general online store's products by everyday shoppers",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-irony-implied",
    lang: "en",
    file: "tests/insights/training/en-irony-implied.jsonl",
    what: "English irony, sarcasm, understatement, implied verdicts, and praise in words that look negative",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-mixed-verdicts",
    lang: "en",
    file: "tests/insights/training/en-mixed-verdicts.jsonl",
    what: "English reviews that weigh good against bad and land on a verdict; lukewarm three-star reviews",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-service-stories",
    lang: "en",
    file: "tests/insights/training/en-service-stories.jsonl",
    what: "English stories of orders, couriers, support, refunds and claims, the verdict often in how they ended",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-negated-verbs",
    lang: "sv",
    file: "tests/insights/training/sv-negated-verbs.jsonl",
    what: "Swedish reviews whose verdict is carried by negation in everyday word order",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-lukewarm-mixed",
    lang: "sv",
    file: "tests/insights/training/sv-lukewarm-mixed.jsonl",
    what: "Swedish mixed feelings that land on a bottom line, and lukewarm three-star reviews",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-company-reviews",
    lang: "sv",
    file: "tests/insights/training/sv-company-reviews.jsonl",
    what: "Swedish reviews of companies as a whole on a review site: shops, telecom, insurance, repairs, deliveries",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "sv-product-page-short",
    lang: "sv",
    file: "tests/insights/training/sv-product-page-short.jsonl",
    what: "Short Swedish comments on webshop product pages: size, colour, material, first impressions",
    role: "train",
    teachesTopics: true,
    verdictsTeachFacts: false,
  },
  {
    name: "en-home-products",
    lang: "en",
    file: "tests/insights/training/en-home-products.jsonl",
    what: "English reviews of a general store's products, the verdict mostly told through use",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-clothing-casual",
    lang: "en",
    file: "tests/insights/training/en-clothing-casual.jsonl",
    what: "Short casual English clothing, shoe and accessory reviews: slang, emoji, sizing shorthand",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-womens-detailed",
    lang: "en",
    file: "tests/insights/training/en-womens-detailed.jsonl",
    what: "English women's clothing reviews with height, weight and sizes, many long",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-negation-compare",
    lang: "en",
    file: "tests/insights/training/en-negation-compare.jsonl",
    what: "English reviews whose verdict is carried by negation and comparison",
    role: "train",
    teachesTopics: false,
    verdictsTeachFacts: false,
  },
  {
    name: "en-womens-clothing",
    lang: "en",
    file: "tests/insights/heldout/en-womens-clothing.jsonl",
    what: "English women's clothing reviews with sizes and measurements",
    role: "heldout",
    teachesTopics: false,
  },
  {
    name: "en-clothing-short",
    lang: "en",
    file: "tests/insights/heldout/en-clothing-short.jsonl",
    what: "short English clothing, shoe and accessory reviews",
    role: "heldout",
    teachesTopics: false,
  },
  {
    name: "en-store-products",
    lang: "en",
    file: "tests/insights/heldout/en-store-products.jsonl",
    what: "English general-store product reviews",
    role: "heldout",
    teachesTopics: false,
  },
  {
    name: "sv-review-site",
    lang: "sv",
    file: "tests/insights/heldout/sv-review-site.jsonl",
    what: "Swedish review-site reviews of companies and online shops",
    role: "heldout",
    teachesTopics: false,
  },
  {
    name: "sv-claims",
    lang: "sv",
    file: "tests/insights/heldout/sv-claims.jsonl",
    what: "Swedish stories of complaints, warranty claims, refunds and lost parcels",
    role: "heldout",
    teachesTopics: false,
  },
  {
    name: "sv-webshop-products",
    lang: "sv",
    file: "tests/insights/heldout/sv-webshop-products.jsonl",
    what: "Swedish webshop product-page reviews",
    role: "heldout",
    teachesTopics: false,
  },
  {
    name: "sv-mixed",
    lang: "sv",
    file: "tests/insights/heldout/sv-mixed.jsonl",
    what: "Swedish reviews with mixed feelings and a clear verdict",
    role: "heldout",
    teachesTopics: false,
  },
  {
    name: "sv-short-slang",
    lang: "sv",
    file: "tests/insights/heldout/sv-short-slang.jsonl",
    what: "short informal Swedish reviews, slang and text without å/ä/ö",
    role: "heldout",
    teachesTopics: false,
  },
] as const satisfies readonly {
  name: string;
  lang: string;
  file: string;
  what: string;
  role: Dataset["role"];
  /** Its topic labels are learned from (else only its review-level labels). */
  teachesTopics: boolean;
  /** Plain statements of fact: they teach the factual output only (learned/model.ts). */
  statesFacts?: boolean;
  /** Its reviews with a verdict are counter-examples of the factual output (unless false; learned/model.ts). */
  verdictsTeachFacts?: boolean;
}[];

export function loadWrittenSet(set: (typeof WRITTEN_SETS)[number]): Dataset {
  return loadFixtureFile(set.name, set.lang, set.file, set.what, set.role);
}

/** Every data set, the training sets first. */
export function loadAllDatasets(): Dataset[] {
  return [
    loadSemeval(),
    loadUciSentences("amazon"),
    loadUciSentences("yelp"),
    loadUciSentences("imdb"),
    loadFixtures("en"),
    loadFixtures("sv"),
    loadSwedishImplied(),
    loadEnglishApparel(),
    loadSwedishShop(),
    loadSwedishColloquial(),
    ...WRITTEN_SETS.filter((set) => set.role === "train").map(loadWrittenSet),
    loadSwedishHeldout(),
    ...WRITTEN_SETS.filter((set) => set.role === "heldout").map(loadWrittenSet),
  ];
}

/** One in five groups of a training set is held out, chosen by a hash of its name, never by chance. */
export function isHeldOut(dataset: Dataset, record: EvalRecord): boolean {
  return dataset.role === "heldout" || groupBucket(dataset, record) === 0;
}

/**
 * A development fifth of the training split, for choosing thresholds: with `--dev`, training leaves
 * it out and eval scores it instead of the held-out split (see docs/decisions/010-learned-insights.md).
 */
function isDevelopment(dataset: Dataset, record: EvalRecord): boolean {
  return dataset.role === "train" && groupBucket(dataset, record) === 1;
}

function groupBucket(dataset: Dataset, record: EvalRecord): number {
  return Number.parseInt(sha256Of(`${dataset.name}:${dataset.groupOf(record)}`).slice(0, 8), 16) % 5;
}

export function heldOutRecords(dataset: Dataset, development = false): EvalRecord[] {
  if (development) return dataset.records.filter((record) => isDevelopment(dataset, record));
  return dataset.records.filter((record) => isHeldOut(dataset, record));
}

export function trainingRecords(dataset: Dataset, development = false): EvalRecord[] {
  const heldOutTexts = textsOfHeldOutSets();
  return dataset.records.filter(
    (record) =>
      !isHeldOut(dataset, record) &&
      !(development && isDevelopment(dataset, record)) &&
      !heldOutTexts.has(normalisedText(record.text)),
  );
}

/** Case and spacing aside: "Toppen!" and "toppen! " are one review. */
export function normalisedText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

let heldOutTextsMemo: Set<string> | null = null;

/**
 * The texts of the sets held out as a whole (sv-heldout, sv-blind, en-blind). Writers working apart wrote a few of the
 * same short reviews ("Toppen!", "Perfect.", "Höll i en vecka."): a training text that a held-out set also holds is
 * left out of training, so no reported figure rests on text the model learned.
 */
function textsOfHeldOutSets(): Set<string> {
  heldOutTextsMemo ??= new Set(
    [loadSwedishHeldout(), ...WRITTEN_SETS.filter((set) => set.role === "heldout").map(loadWrittenSet)].flatMap(
      (dataset) => dataset.records.map((record) => normalisedText(record.text)),
    ),
  );
  return heldOutTextsMemo;
}
