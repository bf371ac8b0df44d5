// The score arithmetic on its own: group boundaries, and a confidence range that stays honest with few answers.
import { netPromoterScore, npsConfidenceRange, npsGroup, satisfiedShare } from "~/modules/voc/scores";

describe("NPS", () => {
  it("groups 9-10 as promoters, 7-8 as passives and 0-6 as detractors", () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual([
      "detractor",
      "detractor",
      "passive",
      "passive",
      "promoter",
      "promoter",
    ]);
  });

  it("is promoters minus detractors in points, and nothing without answers", () => {
    expect(netPromoterScore({ promoters: 6, passives: 2, detractors: 2 })).toBe(40);
    expect(netPromoterScore({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });

  it("does not claim certainty from one answer, and narrows as answers grow", () => {
    // One promoter: NPS 100, but the range is wide (p = 2/4, d = 1/4 after one pseudo-answer per group).
    expect(npsConfidenceRange({ promoters: 1, passives: 0, detractors: 0 })).toEqual({ low: 19, high: 100 });
    const few = npsConfidenceRange({ promoters: 5, passives: 3, detractors: 2 })!;
    const many = npsConfidenceRange({ promoters: 500, passives: 300, detractors: 200 })!;
    expect(few.high - few.low).toBeGreaterThan(60);
    expect(many.high - many.low).toBeLessThan(12);
    expect(many.low).toBeLessThan(30);
    expect(many.high).toBeGreaterThan(30);
  });
});

describe("CSAT", () => {
  it("is the share of 4-5 star reviews", () => {
    expect(satisfiedShare([1, 1, 2, 3, 3])).toBe(0.6);
    expect(satisfiedShare([0, 0, 0, 0, 0])).toBeNull();
  });
});
