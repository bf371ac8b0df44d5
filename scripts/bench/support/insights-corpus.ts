/**
 * The insights benchmark's generated English and Swedish reviews (scripts/bench/insights.ts), shared with the
 * readings dump (tests/insights/readings-dump.ts), which must read exactly the texts the benchmark times.
 */
import { createRandom } from "../../seed/review-corpus";

const SEED = 20240604;

const english = {
  products: [
    "dress",
    "sweater",
    "jeans",
    "jacket",
    "shirt",
    "sofa cushion",
    "duvet cover",
    "mug set",
    "backpack",
    "sneakers",
    "lamp",
    "rug",
    "scarf",
    "coat",
  ],
  praise: [
    "great",
    "lovely",
    "really nice",
    "perfect",
    "super soft",
    "gorgeous",
    "excellent",
    "very comfortable",
    "amazing",
    "decent",
  ],
  complaints: [
    "poor",
    "disappointing",
    "flimsy",
    "too small",
    "a bit tight",
    "terrible",
    "not great",
    "cheaply made",
    "scratchy",
    "awful",
  ],
  aspects: [
    "fit",
    "fabric",
    "colour",
    "quality",
    "delivery",
    "packaging",
    "customer service",
    "price",
    "stitching",
    "size",
    "return process",
    "material",
  ],
  sentences: [
    "The {aspect} is {praise}.",
    "The {aspect} was {complaint}.",
    "I love this {product}!",
    "{praise} {aspect} but the {aspect} was {complaint}.",
    "Ordered the {product} in medium and it fits {praise}.",
    "Shipping took {n} days, which is not bad at all.",
    "Honestly the {aspect} is not {praise} and the {aspect} is {complaint}.",
    "Would recommend to anyone looking for a {product} 👍",
    "After {n} washes it has started pilling, quite disappointed.",
    "Although the {aspect} is {praise}, the {aspect} could be better.",
    "Customer service replied quickly and sorted out the exchange.",
    "Arrived well packed and earlier than expected!!!",
    "Not worth the money, sending it back.",
    "It looks exactly like the pictures and feels really premium.",
  ],
};

const swedish = {
  products: [
    "klänning",
    "tröja",
    "jeans",
    "jacka",
    "skjorta",
    "kuddfodral",
    "påslakan",
    "muggar",
    "ryggsäck",
    "sneakers",
    "lampa",
    "matta",
    "halsduk",
    "kappa",
  ],
  praise: [
    "bra",
    "jättefin",
    "riktigt snygg",
    "perfekt",
    "supermjuk",
    "underbar",
    "toppen",
    "väldigt skön",
    "fantastisk",
    "helt ok",
  ],
  complaints: [
    "dålig",
    "en besvikelse",
    "sladdrig",
    "för liten",
    "lite trång",
    "usel",
    "inte bra",
    "billigt gjord",
    "stickig",
    "kass",
  ],
  aspects: [
    "passformen",
    "tyget",
    "färgen",
    "kvaliteten",
    "leveransen",
    "förpackningen",
    "kundtjänsten",
    "priset",
    "sömmarna",
    "storleken",
    "returen",
    "materialet",
  ],
  sentences: [
    "{aspect} är {praise}.",
    "{aspect} var {complaint}.",
    "Jag älskar min nya {product}!",
    "{aspect} är {praise} men {aspect} var {complaint}.",
    "Beställde {product} i medium och den sitter {praise}.",
    "Leveranstiden var {n} dagar, inte dåligt alls.",
    "Ärligt talat är {aspect} inte {praise} och {aspect} är {complaint}.",
    "Kan varmt rekommendera den här {product} 😍",
    "Efter {n} tvättar har den börjat noppra, ganska besviken.",
    "Även om {aspect} är {praise} kunde {aspect} varit bättre.",
    "Kundtjänsten svarade snabbt och ordnade bytet smidigt.",
    "Kom välpackad och snabbare än väntat!!!",
    "Inte värd pengarna, skickar tillbaka den.",
    "Snabbleverans och storleksguiden stämde precis.",
  ],
};

/** The benchmark's reviews: the same `count` texts on every machine (seeded). */
export function generateCorpus(count: number): string[] {
  const random = createRandom(SEED);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const corpus: string[] = [];
  for (let r = 0; r < count; r++) {
    const vocabulary = random() < 0.5 ? english : swedish;
    // Lengths like real reviews: many one-liners, a long tail of paragraphs.
    const sentenceCount = 1 + Math.floor(random() * random() * 8);
    const parts: string[] = [];
    for (let s = 0; s < sentenceCount; s++) {
      const sentence = pick(vocabulary.sentences).replace(/\{(\w+)\}/g, (_match, slot: string) => {
        if (slot === "product") return pick(vocabulary.products);
        if (slot === "praise") return pick(vocabulary.praise);
        if (slot === "complaint") return pick(vocabulary.complaints);
        if (slot === "aspect") return pick(vocabulary.aspects);
        return String(2 + Math.floor(random() * 9));
      });
      parts.push(sentence.charAt(0).toUpperCase() + sentence.slice(1));
    }
    corpus.push(parts.join(" "));
  }
  return corpus;
}
