import { readFileSync } from "node:fs";
import { analyzeReview } from "~/modules/insights";

export interface FixtureSentence {
  id: string;
  text: string;
  lang: string;
  sentiment: "positive" | "negative" | "neutral";
  topics: Record<string, "positive" | "negative" | "neutral">;
}

export interface FixtureScore {
  sentences: number;
  expectedTopics: number;
  topicsFound: number;
  topicsRight: number;
  overallRight: number;
  /** Topics the engine reported that the fixture does not expect. */
  extraTopics: number;
  /** Right topic findings plus right overall sentiments, over everything expected. */
  accuracy: number;
  misses: string[];
}

export function readFixtures(path: string): FixtureSentence[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as FixtureSentence);
}

/** Scores the engine against hand-labelled sentences; the language is detected, not given. */
export function scoreFixtures(fixtures: FixtureSentence[]): FixtureScore {
  const score: FixtureScore = {
    sentences: fixtures.length,
    expectedTopics: 0,
    topicsFound: 0,
    topicsRight: 0,
    overallRight: 0,
    extraTopics: 0,
    accuracy: 0,
    misses: [],
  };
  for (const fixture of fixtures) {
    const analysis = analyzeReview(fixture.text);
    const found = new Map(analysis.topics.map((finding) => [finding.topic, finding.sentiment]));
    if (analysis.sentiment === fixture.sentiment) score.overallRight++;
    else score.misses.push(`${fixture.id} overall ${analysis.sentiment} (want ${fixture.sentiment}): ${fixture.text}`);
    for (const [topic, sentiment] of Object.entries(fixture.topics)) {
      score.expectedTopics++;
      const got = found.get(topic);
      if (got !== undefined) score.topicsFound++;
      if (got === sentiment) score.topicsRight++;
      else score.misses.push(`${fixture.id} ${topic} ${got ?? "missing"} (want ${sentiment}): ${fixture.text}`);
    }
    for (const topic of found.keys()) if (!(topic in fixture.topics)) score.extraTopics++;
  }
  score.accuracy = (score.topicsRight + score.overallRight) / (score.expectedTopics + score.sentences);
  return score;
}
