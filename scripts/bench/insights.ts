/**
 * Throughput benchmark for the insights engine: 100,000 generated English and Swedish reviews,
 * a tokenize-only pass over the same text as the floor, then the engine. One core (this process).
 * The last line is the contract: insights: <N> reviews/s ratio_to_tokenize=<R> p99_per_review=<X>ms rss=<M>MB
 */
import { performance } from "node:perf_hooks";
import { analyzeReview, learnedLayerSize, tokenize } from "../../app/modules/insights/index";

const REVIEW_COUNT = 100_000;
const SEED = 20240604;

/** mulberry32: tiny, fast and the same on every machine, so the corpus never changes. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

function generateCorpus(count: number): string[] {
  const random = seededRandom(SEED);
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

function rate(count: number, milliseconds: number): number {
  return count / (milliseconds / 1000);
}

/**
 * CPU time of this (single-threaded) process in ms. Rates are per CPU-second rather than per
 * wall-second so a busy shared machine does not make the engine look slower than it is on one core;
 * wall time is printed too.
 */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function main(): void {
  const corpus = generateCorpus(REVIEW_COUNT);
  const characters = corpus.reduce((sum, text) => sum + text.length, 0);
  console.log(
    `corpus: ${corpus.length} reviews, ${characters} characters, mean ${(characters / corpus.length).toFixed(0)} chars/review`,
  );

  // Warm up the JIT and the engine's word memo on a slice, as a long-running worker would be.
  let sink = 0;
  for (let i = 0; i < 5_000; i++) sink += tokenize(corpus[i]).length + analyzeReview(corpus[i]).topics.length;

  // Tokenize and engine passes alternate in slices so both meet the same machine load; on a shared
  // machine a single pass of each can land in very different moments.
  const slices = 20;
  const sliceSize = Math.ceil(corpus.length / slices);
  let tokenizeCpuMs = 0;
  let engineCpuMs = 0;
  let tokenizeWallMs = 0;
  let engineWallMs = 0;
  for (let slice = 0; slice < slices; slice++) {
    const from = slice * sliceSize;
    const to = Math.min(corpus.length, from + sliceSize);
    let wall = performance.now();
    let cpu = cpuMs();
    for (let i = from; i < to; i++) sink += tokenize(corpus[i]).length;
    tokenizeCpuMs += cpuMs() - cpu;
    tokenizeWallMs += performance.now() - wall;
    wall = performance.now();
    cpu = cpuMs();
    for (let i = from; i < to; i++) sink += analyzeReview(corpus[i]).topics.length;
    engineCpuMs += cpuMs() - cpu;
    engineWallMs += performance.now() - wall;
  }
  const tokenizeRate = rate(corpus.length, tokenizeCpuMs);
  const engineRate = rate(corpus.length, engineCpuMs);
  console.log(
    `tokenize only: ${tokenizeCpuMs.toFixed(0)} ms cpu (${tokenizeWallMs.toFixed(0)} ms wall), ${Math.round(tokenizeRate)} reviews/s`,
  );
  console.log(
    `engine:        ${engineCpuMs.toFixed(0)} ms cpu (${engineWallMs.toFixed(0)} ms wall), ${Math.round(engineRate)} reviews/s`,
  );

  // Per-review latency in a separate pass so the timer calls do not slow the throughput figure.
  const durations = new Float64Array(corpus.length);
  for (let i = 0; i < corpus.length; i++) {
    const before = performance.now();
    sink += analyzeReview(corpus[i]).score;
    durations[i] = performance.now() - before;
  }
  durations.sort();
  const p50 = durations[Math.floor(durations.length * 0.5)];
  const p99 = durations[Math.floor(durations.length * 0.99)];
  const rssMb = Math.round(process.memoryUsage().rss / (1024 * 1024));
  console.log(
    `latency: p50 ${p50.toFixed(4)} ms, p99 ${p99.toFixed(4)} ms, max ${durations[durations.length - 1].toFixed(3)} ms`,
  );
  if (sink === Number.MIN_VALUE) console.log("unreachable; keeps the work observable");
  const learned = learnedLayerSize();
  const learnedMb = learned.reduce((sum, model) => sum + model.bytes, 0) / (1024 * 1024);
  const perLanguage = learned.map((model) => `${model.lang} ${model.features}`).join(", ");
  console.log(
    `learned layer: ${perLanguage} features, ${learnedMb.toFixed(1)} MB of tables (+ the parsed weights file)`,
  );
  const ratio = engineRate / tokenizeRate;
  console.log(
    `insights: ${Math.round(engineRate)} reviews/s ratio_to_tokenize=${ratio.toFixed(2)} p99_per_review=${p99.toFixed(3)}ms rss=${rssMb}MB`,
  );
}

main();
