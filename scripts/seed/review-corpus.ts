// Believable demo reviews in English and Swedish, with stories a merchant can discover on the Insights
// screen. Deterministic: the same seed, products and orders give the same reviews.
//   1. The jeans' fit turns from praised to criticised after the autumn batch (orders from STORY_FIT_CHANGE).
//   2. Delivery speed is praised across the shop.
//   3. The wool sweater draws a cluster of price complaints after its price rise (orders from STORY_PRICE_RISE).
//   4. The ceramic mugs sometimes arrive broken: packaging complaints.
// Texts are composed from hand-written phrases, with the variety of real reviews: one-liners and long
// ones, typos, lower case, emoji, Swedish compounds and definite forms, contrast ("but"/"men").

export type CorpusLocale = "en" | "sv";
export type Fit = "runs_small" | "true_to_size" | "runs_large";

export interface CorpusProduct {
  shopifyId: string;
  title: string;
  handle: string;
  productType: string | null;
}

export interface CorpusOrderLine {
  orderId: string;
  customerId: string | null;
  productShopifyId: string;
  /** When the shopper received it; reviews come a few days later. */
  deliveredAt: Date;
  locale: string;
  customerFirstName: string | null;
  customerLastName: string | null;
}

export interface CorpusReview {
  /** Null for reviews written on the store's product page by shoppers not tied to an order (not verified). */
  orderId: string | null;
  customerId: string | null;
  verifiedBuyer: boolean;
  productShopifyId: string;
  rating: number;
  title: string | null;
  body: string;
  displayName: string;
  locale: CorpusLocale;
  fit: Fit | null;
  createdAt: Date;
}

export const STORY_FIT_CHANGE = new Date("2026-09-01T00:00:00Z");
export const STORY_PRICE_RISE = new Date("2026-10-01T00:00:00Z");

type Polarity = "pos" | "neg" | "neu";
type Topic =
  | "quality"
  | "size_fit"
  | "comfort"
  | "appearance"
  | "durability"
  | "functionality"
  | "ease_of_use"
  | "price_value"
  | "shipping_delivery"
  | "packaging"
  | "customer_service"
  | "returns_exchanges";

type PhraseBook = Record<CorpusLocale, Partial<Record<Topic, Record<Polarity, string[]>>>>;

const PHRASES: PhraseBook = {
  en: {
    quality: {
      pos: [
        "The quality is excellent",
        "Really well made, you can feel the quality",
        "Great quality fabric",
        "Solid build quality for the money",
        "The stitching is neat and the material feels premium",
      ],
      neg: [
        "The quality is poor",
        "Feels cheap and thin",
        "Quality is not what I expected",
        "The material feels flimsy",
        "Sloppy stitching on the seams",
      ],
      neu: ["Quality is ok, nothing special", "Average quality"],
    },
    size_fit: {
      pos: [
        "Fits perfectly",
        "True to size, I took my usual size",
        "The fit is spot on",
        "Great fit around the waist",
        "Sizing was perfect",
      ],
      neg: [
        "Runs small, order a size up",
        "The fit is way too tight",
        "Way too small in the waist",
        "Sizing is off, way too small, had to size up",
        "Too tight around the thighs even in my normal size",
      ],
      neu: ["Fits as expected", "The fit is fine I guess"],
    },
    comfort: {
      pos: ["Super comfortable", "So comfy I wear it all day", "Soft and comfortable", "Very comfortable to wear"],
      neg: [
        "Not comfortable at all",
        "Itchy and uncomfortable",
        "Scratchy against the skin",
        "Uncomfortable after an hour",
      ],
      neu: ["Comfortable enough"],
    },
    appearance: {
      pos: [
        "Looks gorgeous",
        "The colour is beautiful",
        "Looks even better than in the pictures",
        "Lovely design",
        "Gets compliments every time",
      ],
      neg: [
        "The colour looks nothing like the photos",
        "Looks cheap in person",
        "The colour faded and looks dull",
        "Ugly shade of grey, not as pictured",
      ],
      neu: ["Looks like the picture"],
    },
    durability: {
      pos: [
        "Still like new after many washes",
        "Holds up really well",
        "Durable, no pilling after months",
        "Has survived the dishwasher daily",
      ],
      neg: [
        "Started pilling after two washes",
        "Fell apart after a month",
        "A seam ripped after a week",
        "Cracked after a few weeks",
      ],
      neu: ["Too early to say how it lasts"],
    },
    functionality: {
      pos: [
        "Does exactly what it should",
        "Works great",
        "Keeps me dry in heavy rain",
        "Keeps the coffee hot for ages",
      ],
      neg: ["Doesn't keep the rain out", "Does not work as described", "The zipper keeps getting stuck"],
      neu: ["Works as expected"],
    },
    ease_of_use: {
      pos: ["Easy to wash and care for", "Simple to use", "Easy to put on the duvet, the zip helps"],
      neg: ["A pain to iron", "Hard to get the cover on", "Complicated care instructions"],
      neu: [],
    },
    price_value: {
      pos: ["Great value for money", "Worth every penny", "Good price for this quality", "A bargain"],
      neg: [
        "Way overpriced",
        "Too expensive for what you get",
        "Not worth the price",
        "The price went up and it's no longer worth it",
        "Expensive for a sweater that pills",
      ],
      neu: ["Fair price"],
    },
    shipping_delivery: {
      pos: [
        "Fast delivery",
        "Arrived in just two days, super fast",
        "Shipping was super quick",
        "Delivered the next day, impressive",
        "Quick shipping to Norway too",
      ],
      neg: ["Delivery took forever", "Shipping was slow", "Arrived a week late"],
      neu: ["Delivery was as expected"],
    },
    packaging: {
      pos: ["Nicely packaged", "Lovely packaging, great as a gift", "Plastic-free packaging, love it"],
      neg: [
        "Two mugs arrived broken, the packaging was far too thin",
        "Poorly packed, the box was crushed",
        "Arrived broken because of bad packaging",
      ],
      neu: ["Standard packaging"],
    },
    customer_service: {
      pos: [
        "Customer service was quick and friendly",
        "Support replied within an hour and sorted it",
        "Very helpful customer service",
      ],
      neg: [
        "Customer service never answered my email",
        "Support was unhelpful",
        "Still waiting for a reply from customer service",
      ],
      neu: [],
    },
    returns_exchanges: {
      pos: ["The exchange for a bigger size was easy", "Returning was simple and free", "Got my refund quickly"],
      neg: [
        "The return process is a hassle",
        "Still waiting for my refund",
        "Exchanging for another size was a nightmare",
      ],
      neu: [],
    },
  },
  sv: {
    quality: {
      pos: [
        "Kvaliteten är toppen",
        "Väldigt bra kvalitet",
        "Riktigt välgjord, man känner kvaliteten",
        "Fin kvalitet på tyget",
        "Sömmarna är snygga och materialet känns gediget",
      ],
      neg: [
        "Kvaliteten är dålig",
        "Känns billig och tunn",
        "Kvaliteten var inte vad jag förväntade mig",
        "Materialet känns sladdrigt",
        "Slarviga sömmar",
      ],
      neu: ["Kvaliteten är ok, inget speciellt", "Helt okej kvalitet"],
    },
    size_fit: {
      pos: [
        "Passformen är perfekt",
        "Sitter som en smäck",
        "Stämmer i storleken, tog min vanliga",
        "Passar perfekt i midjan",
        "Storleken var helt rätt",
      ],
      neg: [
        "Liten i storleken, beställ en större",
        "Passformen är alldeles för tight",
        "Sitter för snävt i midjan",
        "Storleken stämmer inte, fick gå upp en storlek",
        "För trånga över låren trots min vanliga storlek",
      ],
      neu: ["Passar som förväntat", "Passformen är väl okej"],
    },
    comfort: {
      pos: ["Supersköna", "Så bekväm att jag har den hela dagen", "Mjuk och skön", "Väldigt bekväm"],
      neg: ["Inte alls bekväm", "Kliar och är obekväm", "Sticks mot huden", "Obekväm efter en timme"],
      neu: ["Tillräckligt bekväm"],
    },
    appearance: {
      pos: [
        "Jättesnygg",
        "Färgen är underbar",
        "Ser ännu bättre ut än på bilderna",
        "Snygg design",
        "Får komplimanger varje gång",
      ],
      neg: [
        "Färgen ser inte alls ut som på bilderna",
        "Ser billig ut i verkligheten",
        "Färgen bleknade och ser tråkig ut",
        "Ful gråton, inte som på bilden",
      ],
      neu: ["Ser ut som på bilden"],
    },
    durability: {
      pos: [
        "Fortfarande som ny efter många tvättar",
        "Håller riktigt bra",
        "Inga noppor efter flera månader",
        "Klarar diskmaskinen varje dag",
      ],
      neg: [
        "Började noppa sig efter två tvättar",
        "Gick sönder efter en månad",
        "En söm sprack efter en vecka",
        "Sprack efter några veckor",
      ],
      neu: ["För tidigt att säga hur den håller"],
    },
    functionality: {
      pos: ["Fungerar precis som den ska", "Håller mig torr i ösregn", "Håller kaffet varmt länge", "Funkar jättebra"],
      neg: ["Håller inte regnet ute", "Fungerar inte som beskrivet", "Dragkedjan fastnar hela tiden"],
      neu: ["Fungerar som förväntat"],
    },
    ease_of_use: {
      pos: ["Lätt att tvätta och sköta", "Enkel att använda", "Lätt att få på påslakanet tack vare dragkedjan"],
      neg: ["Jobbig att stryka", "Svårt att få på påslakanet", "Krånglig skötselråd"],
      neu: [],
    },
    price_value: {
      pos: ["Prisvärd", "Mycket för pengarna", "Bra pris för kvaliteten", "Ett fynd"],
      neg: [
        "Alldeles för dyr",
        "Överprisad för vad man får",
        "Inte värd priset",
        "Priset har gått upp och den är inte värd det längre",
        "Dyr för en tröja som noppar sig",
      ],
      neu: ["Rimligt pris"],
    },
    shipping_delivery: {
      pos: [
        "Snabb leverans",
        "Kom fram på två dagar, supersnabbt",
        "Supersnabb frakt",
        "Leveransen kom redan dagen efter, imponerande snabbt",
        "Snabb leveranstid, kortare än utlovat",
      ],
      neg: ["Leveransen tog evigheter", "Långsam frakt", "Paketet kom en vecka för sent"],
      neu: ["Leveransen gick som förväntat"],
    },
    packaging: {
      pos: ["Fint förpackad", "Snygg förpackning, perfekt som present", "Plastfri förpackning, älskar det"],
      neg: [
        "Två muggar kom trasiga, förpackningen var alldeles för tunn",
        "Dåligt packat, kartongen var mosad",
        "Kom sönder på grund av dålig förpackning",
      ],
      neu: ["Vanlig förpackning"],
    },
    customer_service: {
      pos: [
        "Kundtjänsten var snabb och trevlig",
        "Kundservice svarade inom en timme och löste det",
        "Väldigt hjälpsam kundtjänst",
      ],
      neg: [
        "Kundtjänsten svarade aldrig på mitt mejl",
        "Kundservicen var inte till någon hjälp",
        "Väntar fortfarande på svar från kundtjänst",
      ],
      neu: [],
    },
    returns_exchanges: {
      pos: [
        "Bytet till en större storlek gick smidigt",
        "Returen var enkel och gratis",
        "Fick pengarna tillbaka snabbt",
      ],
      neg: ["Returen var krånglig", "Väntar fortfarande på återbetalningen", "Att byta storlek var en mardröm"],
      neu: [],
    },
  },
};

const OPENERS: Record<CorpusLocale, Record<Polarity, string[]>> = {
  en: {
    pos: [
      "Love it!",
      "Really happy with this.",
      "Bought this for my partner and",
      "Second time buying,",
      "Absolutely love it.",
    ],
    neg: ["Disappointed.", "Not happy.", "Wanted to love it, but", "Meh."],
    neu: ["It's ok.", "Mixed feelings."],
  },
  sv: {
    pos: ["Älskar den!", "Mycket nöjd.", "Köpte till min sambo och", "Andra gången jag köper,", "Helt underbar."],
    neg: ["Besviken.", "Inte nöjd.", "Ville verkligen gilla den, men", "Tyvärr."],
    neu: ["Helt ok.", "Blandade känslor."],
  },
};

const CLOSERS: Record<CorpusLocale, Record<Polarity, string[]>> = {
  en: {
    pos: ["Would buy again.", "Highly recommend!", "10/10", "Will order more 😊", "Recommend!!"],
    neg: ["Won't buy again.", "Returning it.", "Would not recommend."],
    neu: ["Might buy again.", ""],
  },
  sv: {
    pos: ["Köper gärna igen.", "Rekommenderas varmt!", "Toppen 👍", "Kommer beställa mer 😊", "Rekommenderar!!"],
    neg: ["Köper inte igen.", "Skickar tillbaka den.", "Kan inte rekommendera."],
    neu: ["Kanske köper igen.", ""],
  },
};

const ONE_LINERS: Record<CorpusLocale, Record<number, string[]>> = {
  en: {
    5: ["Perfect!", "Love it", "Great product, fast delivery", "Amazing ❤️"],
    4: ["Very nice", "Good buy"],
    3: ["It's fine", "Ok"],
    2: ["Not great"],
    1: ["Terrible", "Waste of money"],
  },
  sv: {
    5: ["Perfekt!", "Älskar den", "Toppen, snabb leverans", "Fantastisk ❤️"],
    4: ["Mycket fin", "Bra köp"],
    3: ["Helt ok", "Okej"],
    2: ["Inte så bra"],
    1: ["Usel", "Slöseri med pengar"],
  },
};

const TITLES: Record<CorpusLocale, Record<Polarity, string[]>> = {
  en: {
    pos: ["Great buy", "Love it", "Exactly what I wanted", "Perfect", "Very happy"],
    neg: ["Disappointed", "Not as expected", "Not for me", "Would not buy again"],
    neu: ["Okay", "Decent"],
  },
  sv: {
    pos: ["Toppenköp", "Älskar den", "Precis vad jag ville ha", "Perfekt", "Mycket nöjd"],
    neg: ["Besviken", "Inte som väntat", "Inte för mig", "Köper inte igen"],
    neu: ["Okej", "Godkänd"],
  },
};

// Which topics are natural for which kind of product.
const TOPICS_BY_KIND: Record<ProductKind, Topic[]> = {
  jeans: ["size_fit", "comfort", "quality", "durability", "appearance", "price_value"],
  apparel: ["size_fit", "comfort", "quality", "appearance", "durability", "price_value"],
  outerwear: ["functionality", "size_fit", "quality", "appearance", "price_value"],
  shoes: ["comfort", "size_fit", "quality", "durability", "appearance"],
  mugs: ["quality", "durability", "functionality", "appearance", "packaging", "price_value"],
  kitchen: ["quality", "durability", "appearance", "price_value"],
  textiles: ["quality", "durability", "appearance", "ease_of_use", "price_value"],
  bedding: ["comfort", "quality", "ease_of_use", "appearance", "durability"],
  blankets: ["comfort", "quality", "appearance", "durability", "price_value"],
  candles: ["quality", "appearance", "price_value", "packaging"],
  home: ["quality", "appearance", "price_value"],
};

type ProductKind =
  | "jeans"
  | "apparel"
  | "outerwear"
  | "shoes"
  | "mugs"
  | "kitchen"
  | "textiles"
  | "bedding"
  | "blankets"
  | "candles"
  | "home";

const WORN: ProductKind[] = ["jeans", "apparel", "outerwear", "shoes"];
const WASHED: ProductKind[] = ["jeans", "apparel", "textiles", "bedding", "blankets"];
const FABRIC: ProductKind[] = ["jeans", "apparel", "outerwear", "textiles", "bedding", "blankets"];
const BREAKABLE: ProductKind[] = ["mugs", "candles"];

// Phrases that name a product's features (rain, coffee, a dishwasher, washing, a waist, a duvet...) belong
// only to the kinds they describe: "survived the dishwasher" on a sweatshirt reads as a bug in the demo.
const ONLY_FOR: Array<[RegExp, ProductKind[]]> = [
  [/mugg|mug|coffee|kaffe|diskmaskin|dishwasher/i, ["mugs"]],
  [/rain|regn|dry\b|torr\b|zipper|dragkedja/i, ["outerwear"]],
  [/duvet|påslakan|cover on/i, ["bedding"]],
  [/waist|midja|thigh|lår/i, ["jeans"]],
  [/sweater|tröja som/i, ["apparel"]],
  [/wash|tvätt|pill|noppa|noppor/i, WASHED],
  [/iron|stryka/i, ["apparel", "textiles", "bedding"]],
  [/fabric|tyg|stitching|seam|söm|itchy|kliar|skin|huden|wear it|har den hela dagen/i, FABRIC],
  [/size|storlek|fit|passform|tight|snäv|sitter|trång/i, WORN],
  [/broken|trasig|sönder|cracked|sprack/i, [...BREAKABLE, "kitchen"]],
  [/gift|present/i, ["mugs", "candles", "textiles", "bedding", "blankets", "home", "kitchen", "apparel"]],
];

function phraseFits(phrase: string, kind: ProductKind): boolean {
  return ONLY_FOR.every(([pattern, kinds]) => !pattern.test(phrase) || kinds.includes(kind));
}

const SERVICE_TOPICS: Topic[] = ["shipping_delivery", "customer_service", "returns_exchanges", "packaging"];

function productKind(product: CorpusProduct): ProductKind {
  const text = `${product.handle} ${product.title} ${product.productType ?? ""}`.toLowerCase();
  if (/jean|denim/.test(text)) return "jeans";
  if (/jacket|coat|rain/.test(text)) return "outerwear";
  if (/sneaker|shoe|boot/.test(text)) return "shoes";
  if (/mug|cup/.test(text)) return "mugs";
  if (/towel|napkin|apron/.test(text)) return "textiles";
  if (/board|kitchen|plate|bowl/.test(text)) return "kitchen";
  if (/duvet|pillow|sheet|bedding/.test(text)) return "bedding";
  if (/blanket|throw/.test(text)) return "blankets";
  if (/candle/.test(text)) return "candles";
  if (/shirt|tee|t-shirt|sweater|knit|hoodie|sweatshirt|beanie|dress|apparel|clothing|top/.test(text)) return "apparel";
  return "home";
}

export function isApparel(product: CorpusProduct): boolean {
  return ["jeans", "apparel", "outerwear", "shoes"].includes(productKind(product));
}

/** A small, fast, seedable PRNG (mulberry32) so the corpus is the same on every machine. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function chance(random: () => number, p: number): boolean {
  return random() < p;
}

function shuffle<T>(random: () => number, items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

// What a free (not story-forced) sentence says, given the stars: a five-star review praises, a four-star one
// praises or shrugs, a one- or two-star one complains, three stars mix. A four-star "very happy" that pilled
// after two washes reads as a contradiction.
function polarityForRating(random: () => number, rating: number): Polarity {
  const [positiveShare, neutralShare] = (
    [
      [0, 0],
      [0, 0.1],
      [0.05, 0.2],
      [0.45, 0.25],
      [0.85, 0.15],
      [1, 0],
    ] as const
  )[rating];
  const r = random();
  if (r < positiveShare) return "pos";
  if (r < positiveShare + neutralShare) return "neu";
  return "neg";
}

function baseRating(random: () => number): number {
  // Roughly what stores see: most reviews are 4–5 stars, a long tail of unhappy ones.
  const r = random();
  if (r < 0.52) return 5;
  if (r < 0.77) return 4;
  if (r < 0.88) return 3;
  if (r < 0.95) return 2;
  return 1;
}

// Real reviews are not proofread: some lose their capitals, punctuation or a letter.
function roughen(random: () => number, text: string, locale: CorpusLocale): string {
  let out = text;
  if (chance(random, 0.12)) out = out.toLowerCase();
  if (chance(random, 0.06)) out = out.replace(/[.!]$/, "");
  if (chance(random, 0.05)) {
    const typos: Record<CorpusLocale, [RegExp, string][]> = {
      en: [
        [/really/, "realy"],
        [/comfortable/, "comfortble"],
        [/definitely/, "definately"],
        [/quality/, "qualty"],
      ],
      sv: [
        [/verkligen/, "verkligten"],
        [/bekväm/, "bekvem"],
        [/kvaliteten/, "kvalitén"],
        [/leverans/, "leverns"],
      ],
    };
    const [pattern, replacement] = pick(random, typos[locale]);
    out = out.replace(pattern, replacement);
  }
  return out;
}

function displayNameFor(line: CorpusOrderLine, random: () => number, locale: CorpusLocale): string {
  const first = line.customerFirstName?.trim();
  if (!first) return locale === "sv" ? "Verifierad köpare" : "Verified buyer";
  const initial = line.customerLastName?.trim()?.[0];
  if (initial && chance(random, 0.8)) return `${first} ${initial}.`;
  return first;
}

interface StoryForces {
  rating?: number;
  force: { topic: Topic; polarity: Polarity }[];
  fit?: Fit;
}

function storyFor(random: () => number, product: CorpusProduct, line: CorpusOrderLine, rating: number): StoryForces {
  const kind = productKind(product);
  const force: StoryForces["force"] = [];
  let storyRating: number | undefined;
  let fit: Fit | undefined;
  if (kind === "jeans") {
    if (line.deliveredAt >= STORY_FIT_CHANGE && chance(random, 0.7)) {
      force.push({ topic: "size_fit", polarity: "neg" });
      storyRating = Math.min(rating, pick(random, [2, 3, 3, 4]));
      fit = "runs_small";
    } else if (line.deliveredAt < STORY_FIT_CHANGE && chance(random, 0.6)) {
      force.push({ topic: "size_fit", polarity: "pos" });
      fit = "true_to_size";
    }
  }
  if (/sweater|knit|wool|merino/.test(`${product.handle} ${product.title}`.toLowerCase())) {
    if (line.deliveredAt >= STORY_PRICE_RISE && chance(random, 0.65)) {
      force.push({ topic: "price_value", polarity: "neg" });
      storyRating = Math.min(storyRating ?? rating, pick(random, [2, 3, 3, 4]));
    }
  }
  if (kind === "mugs" && chance(random, 0.25)) {
    force.push({ topic: "packaging", polarity: "neg" });
    storyRating = Math.min(storyRating ?? rating, pick(random, [1, 2, 3]));
  }
  // The shop ships fast: delivery speed is one of the things people mention most, and praise.
  // A slow parcel is mentioned by those who gave fewer stars; a five-star review does not complain.
  if (chance(random, 0.3)) {
    const praised = chance(random, 0.92);
    force.push({ topic: "shipping_delivery", polarity: praised || rating >= 4 ? "pos" : "neg" });
  }
  return { rating: storyRating, force, fit };
}

function sentenceFor(
  random: () => number,
  locale: CorpusLocale,
  topic: Topic,
  polarity: Polarity,
  kind: ProductKind,
): string | null {
  const options = (PHRASES[locale][topic]?.[polarity] ?? []).filter((phrase) => phraseFits(phrase, kind));
  return options.length ? pick(random, options) : null;
}

function composeBody(
  random: () => number,
  locale: CorpusLocale,
  rating: number,
  product: CorpusProduct,
  story: StoryForces,
): string {
  if (story.force.length === 0 && chance(random, 0.12)) return pick(random, ONE_LINERS[locale][rating]);
  const kind = productKind(product);
  const parts: { topic: Topic; polarity: Polarity }[] = [...story.force];
  const extra = rating >= 4 || rating <= 2 ? Math.floor(random() * 3) + 1 : Math.floor(random() * 2) + 2;
  for (const topic of shuffle(random, TOPICS_BY_KIND[kind]).slice(0, extra)) {
    if (parts.some((p) => p.topic === topic)) continue;
    parts.push({ topic, polarity: polarityForRating(random, rating) });
  }
  if (chance(random, 0.08)) {
    const topic = pick(random, SERVICE_TOPICS);
    if (!parts.some((p) => p.topic === topic)) parts.push({ topic, polarity: polarityForRating(random, rating) });
  }

  const sentences: string[] = [];
  const complains = story.force.some((force) => force.polarity === "neg");
  const overall: Polarity = rating >= 4 && !complains ? "pos" : rating <= 2 ? "neg" : "neu";
  if (chance(random, 0.35)) sentences.push(pick(random, OPENERS[locale][overall]));
  for (let i = 0; i < parts.length; i++) {
    const first = sentenceFor(random, locale, parts[i].topic, parts[i].polarity, kind);
    if (!first) continue;
    const next = parts[i + 1];
    // Contrast joins an opinion with its opposite in one sentence: "Great fit but slow delivery".
    if (next && next.polarity !== parts[i].polarity && next.polarity !== "neu" && chance(random, 0.5)) {
      const second = sentenceFor(random, locale, next.topic, next.polarity, kind);
      if (second) {
        const joiner =
          locale === "sv"
            ? pick(random, [" men ", ", men ", " fast "])
            : pick(random, [" but ", ", but ", ", however "]);
        sentences.push(`${first}${joiner}${second.charAt(0).toLowerCase()}${second.slice(1)}.`);
        i++;
        continue;
      }
    }
    sentences.push(`${first}${chance(random, 0.15) ? "!" : "."}`);
  }
  if (chance(random, 0.4)) {
    const closer = pick(random, CLOSERS[locale][overall]);
    if (closer) sentences.push(closer);
  }
  // An opener like "Bought this for my partner and" runs on into the next sentence.
  const joined = sentences.reduce((text, sentence) => {
    if (!text) return sentence;
    if (/[a-zåäö,]$/i.test(text)) return `${text} ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
    return `${text} ${sentence}`;
  }, "");
  return roughen(random, joined.replace(/\s+/g, " ").trim(), locale);
}

const STOREFRONT_NAMES = [
  "Anna",
  "Erik",
  "Maja",
  "Johan",
  "Sara",
  "Lars",
  "Emma",
  "Oskar",
  "Linnea",
  "Karin",
  "Tom",
  "Sophie",
  "James",
  "Lena",
  "Nils",
  "Ida",
  "Hanna",
  "Felix",
  "Mia",
  "Jonas",
];

/**
 * Reviews for a share of the delivered order lines (verified purchases), written in the customer's language
 * (Swedish for sv, English otherwise), some days after delivery. When `minimum` asks for more than the
 * orders give, the rest are reviews shoppers wrote on the store's product pages (the storefront form): the
 * same products and months, not tied to an order here, so not verified.
 */
export function generateDemoReviews(input: {
  seed: number;
  products: CorpusProduct[];
  lines: CorpusOrderLine[];
  now: Date;
  reviewShare?: number;
  /** Adds reviews until at least this many exist (repeat buyers), so the insights have volume. */
  minimum?: number;
  /**
   * Reviews written within this many days of `now` sometimes end with contact details (an email address, a phone
   * number, a link), as real shoppers' do: moderation holds those, so the merchant's queue has recent work in it.
   */
  contactDetailsWithinDays?: number;
}): CorpusReview[] {
  const random = createRandom(input.seed);
  const byId = new Map(input.products.map((p) => [p.shopifyId, p]));
  const reviews: CorpusReview[] = [];
  const seen = new Set<string>();
  const share = input.reviewShare ?? 0.65;
  const eligible = input.lines.filter((l) => byId.has(l.productShopifyId));
  const target = Math.max(input.minimum ?? 0, 0);
  let round = 0;
  while (eligible.length > 0 && (round === 0 || reviews.length < target) && round < 20) {
    for (const line of eligible) {
      const fromStorefront = round > 0;
      const key = `${line.orderId}:${line.productShopifyId}:${round}`;
      if (seen.has(key) || !chance(random, share)) continue;
      const product = byId.get(line.productShopifyId)!;
      const locale: CorpusLocale = fromStorefront
        ? chance(random, 0.55)
          ? "sv"
          : "en"
        : line.locale.toLowerCase().startsWith("sv")
          ? "sv"
          : "en";
      const createdAt = new Date(
        line.deliveredAt.getTime() + (1 + Math.floor(random() * 14)) * 86_400_000 + Math.floor(random() * 86_400_000),
      );
      if (createdAt > input.now) continue;
      seen.add(key);
      let rating = baseRating(random);
      const story = storyFor(random, product, line, rating);
      rating = story.rating ?? rating;
      const body = composeBody(random, locale, rating, product, story);
      // A title says what the stars and the words say: a four-star review with a forced complaint is "Okay",
      // not "Very happy"; product-specific titles ("Runs small") only where they fit the product.
      const complains = story.force.some((force) => force.polarity === "neg");
      const titlePolarity: Polarity = rating >= 4 && !complains ? "pos" : rating <= 2 ? "neg" : "neu";
      const titles = TITLES[locale][titlePolarity].filter((title) => phraseFits(title, productKind(product)));
      reviews.push({
        orderId: fromStorefront ? null : line.orderId,
        customerId: fromStorefront ? null : line.customerId,
        verifiedBuyer: !fromStorefront,
        productShopifyId: line.productShopifyId,
        rating,
        title: titles.length > 0 && chance(random, 0.7) ? pick(random, titles) : null,
        body,
        displayName: fromStorefront
          ? `${pick(random, STOREFRONT_NAMES)} ${String.fromCharCode(65 + Math.floor(random() * 26))}.`
          : displayNameFor(line, random, locale),
        locale,
        fit: isApparel(product)
          ? (story.fit ??
            (chance(random, 0.5)
              ? pick(random, ["runs_small", "true_to_size", "true_to_size", "true_to_size", "runs_large"] as const)
              : null))
          : null,
        createdAt,
      });
      if (reviews.length >= target && round > 0) break;
    }
    round++;
  }
  if (input.contactDetailsWithinDays) addContactDetails(reviews, input.now, input.contactDetailsWithinDays, input.seed);
  return reviews;
}

const CONTACT_DETAILS: Record<CorpusLocale, ((first: string) => string)[]> = {
  en: [
    (first) => `Happy to answer questions: ${first.toLowerCase()}.reviews@example.com`,
    () => "Call me on 070-123 45 67 if you want to know more.",
    () => "More photos on my blog: https://example.com/my-home",
  ],
  sv: [
    (first) => `Frågor? Mejla mig på ${first.toLowerCase()}.omdome@example.se`,
    () => "Ring gärna 070-123 45 67 om du undrar något.",
    () => "Fler bilder på min blogg: https://example.se/mitt-hem",
  ],
};

/** About one recent review in four gets contact details; a random of its own keeps every other review as it was. */
function addContactDetails(reviews: CorpusReview[], now: Date, withinDays: number, seed: number): void {
  const random = createRandom(seed + 7_919);
  const since = now.getTime() - withinDays * 86_400_000;
  for (const review of reviews) {
    if (review.createdAt.getTime() < since || !chance(random, 0.25)) continue;
    const first = review.displayName.split(" ")[0].replace(/[^\p{L}]/gu, "") || "kund";
    review.body = `${review.body} ${pick(random, CONTACT_DETAILS[review.locale])(first)}`;
  }
}
