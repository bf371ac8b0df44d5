import { fileURLToPath } from "node:url";
import { readFixtures, scoreFixtures } from "./fixture-scoring";

/**
 * Accuracy on the hand-written fixtures (right topic sentiments + right overall sentiments, over all
 * expected). The floors sit just under what the engine achieves: they may only rise.
 */
const ENGLISH_ACCURACY_FLOOR = 0.9;
const SWEDISH_ACCURACY_FLOOR = 0.91;
const MINIMUM_SENTENCES = 200;

const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe("insights accuracy on hand-written shop reviews", () => {
  it.each([
    ["English", "en.jsonl", ENGLISH_ACCURACY_FLOOR],
    ["Swedish", "sv.jsonl", SWEDISH_ACCURACY_FLOOR],
  ])("stays at or above the floor in %s", (_language, file, floor) => {
    const fixtures = readFixtures(fixturePath(file));
    expect(fixtures.length).toBeGreaterThanOrEqual(MINIMUM_SENTENCES);
    const score = scoreFixtures(fixtures);
    // The misses are printed so a failing run says which sentences regressed.
    if (score.accuracy < floor) console.log(score.misses.join("\n"));
    expect(score.accuracy).toBeGreaterThanOrEqual(floor);
  });

  it("covers every built-in topic in both languages, with praise and complaints", () => {
    for (const file of ["en.jsonl", "sv.jsonl"]) {
      const seen = new Set<string>();
      for (const fixture of readFixtures(fixturePath(file))) {
        for (const [topic, sentiment] of Object.entries(fixture.topics)) seen.add(`${topic}:${sentiment}`);
      }
      for (const topic of [
        "quality",
        "size_fit",
        "comfort",
        "appearance",
        "durability",
        "functionality",
        "ease_of_use",
        "price_value",
        "shipping_delivery",
        "packaging",
        "customer_service",
        "returns_exchanges",
      ]) {
        expect(seen, `${file} ${topic}`).toContain(`${topic}:positive`);
        expect(seen, `${file} ${topic}`).toContain(`${topic}:negative`);
      }
    }
  });
});
