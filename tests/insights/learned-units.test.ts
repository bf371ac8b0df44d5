// The learned layer's thresholds are stated in units of the model's own readings (engine 2.8.0): a perceptron's
// weights grow with the mistakes it meets, so more training text makes every score larger. Weights three times as
// large, with units three times as large, must read every review exactly as before; and training must give units
// that grow with its weights (training.ts, `unitsOf`: the mean polarity margin and topic score on the training text).
import { readFileSync } from "node:fs";
import { vi } from "vitest";
import { analyzeReview, swapLearnedWeights, trainLearnedWeights } from "~/modules/insights";
import { decodeWeightTables, encodeWeightTables, type EncodedTables } from "~/modules/insights/learned/weights-codec";
import { loadFixtures } from "../../scripts/insights-data";
import { trainingExamples, weightsPath } from "../../scripts/insights-train";

type Weights = {
  scale: number;
  languages: Record<string, EncodedTables & { polarityUnit: number; topicUnit: number }>;
};

const REVIEWS: [string, string][] = [
  ["en", "The colour is gorgeous and the fabric feels lovely, but it runs about two sizes small. Sending it back."],
  ["en", "Looks like the picture."],
  ["en", "Arrived in two days, fits true to size and the seams are neat."],
  ["en", "Stopped charging on day 9. Support never answered."],
  ["en", "It's fine. Nothing special."],
  ["sv", "Skorna har snören och en tjock sula."],
  ["sv", "Kudden är så hög att man får ont i nacken. Gick över till min gamla igen."],
  ["sv", "Inget speciellt med förpackningen men själva tröjan är fantastisk, älskar den!"],
  ["sv", "Tog 12 dagar innan säljaren ens postade paketet."],
  ["sv", "Helt okej för priset, varken mer eller mindre."],
];

/** The weights three times as large; the units too when `units` (else left as they were). */
function tripled(weights: Weights, units: boolean): Weights {
  const large: Weights = structuredClone(weights);
  for (const language of Object.values(large.languages)) {
    if (units) {
      language.polarityUnit *= 3;
      language.topicUnit *= 3;
    }
    const { rows, bigrams } = decodeWeightTables(language);
    for (const row of rows) for (let i = 2; i < row.length; i += 2) row[i] *= 3;
    for (const row of bigrams) for (let i = 1; i < row.length; i++) row[i] *= 3;
    Object.assign(language, encodeWeightTables({ rows, bigrams }));
  }
  return large;
}

async function readAll(): Promise<unknown[]> {
  const { analyzeReview } = await import("~/modules/insights");
  return REVIEWS.map(([lang, text]) => analyzeReview(text, { lang }));
}

describe("the learned layer's units", () => {
  afterEach(() => {
    vi.doUnmock("~/modules/insights/learned/weights.json");
    vi.resetModules();
  });

  it("reads every review the same with weights and units three times as large", async () => {
    vi.resetModules();
    const bundled = await readAll();
    const weights = JSON.parse(readFileSync(weightsPath, "utf8")) as Weights;
    vi.resetModules();
    vi.doMock("~/modules/insights/learned/weights.json", () => ({ default: tripled(weights, true) }));
    const large = await readAll();
    expect(large).toEqual(bundled);
    // And the check can fail: the same large weights with the units left as they were read otherwise.
    vi.resetModules();
    vi.doMock("~/modules/insights/learned/weights.json", () => ({ default: tripled(weights, false) }));
    expect(await readAll()).not.toEqual(bundled);
  });

  it("swap in process for evaluation, remembered word readings and all, and swap back (eval --cross)", () => {
    const read = () => REVIEWS.map(([lang, text]) => analyzeReview(text, { lang }));
    const bundled = read();
    const weights = JSON.parse(readFileSync(weightsPath, "utf8")) as Weights;
    try {
      // Every word above was read and weighed by the bundled weights already: kept, those sums would be a third of
      // the new weights' and the readings would move. Dropped, the scaled weights read exactly as the bundled.
      swapLearnedWeights(tripled(weights, true));
      expect(read()).toEqual(bundled);
      // Weights that read otherwise do read otherwise (the swap took).
      swapLearnedWeights(tripled(weights, false));
      expect(read()).not.toEqual(bundled);
    } finally {
      swapLearnedWeights(null);
    }
    expect(read()).toEqual(bundled);
  });

  it("come with every trained language and grow as training makes more updates", () => {
    const examples = trainingExamples(loadFixtures("en"), true);
    const ruleScore = () => ({ score: 0, praise: 0, complaint: 0 });
    const train = (epochs: number) =>
      trainLearnedWeights(examples, { epochs, seed: 3, minCount: 1 }, ruleScore, []).languages.en;
    const short = train(1);
    const long = train(8);
    for (const units of [short, long]) {
      expect(units.polarityUnit).toBeGreaterThan(0);
      expect(units.topicUnit).toBeGreaterThan(0);
    }
    // More passes over the data, more updates: larger weights, and larger units to state thresholds in.
    expect(long.polarityUnit).toBeGreaterThan(short.polarityUnit);
  });
});
