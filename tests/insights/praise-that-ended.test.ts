// Praise that did not last (decision 010, session 15): praise followed right away by a span of time ("Lovely for a
// week.", "Funkade toppen i två veckor.", "Jättefin de första dagarna.") is a complaint, flipped as a negator flips
// it, unless a perfect stands before the praise ("has been great for three months") or the span goes on with words
// that say the praise still holds or what the time was for ("so far", "hittills", "of camping", "på semestern").
// These are the rules' readings (`learned: false`), which no retraining moves.
import { analyzeReview } from "~/modules/insights";

const rules = (text: string, lang: string) => analyzeReview(text, { lang, learned: false });

function reading(text: string, lang: string): { text: string; sentiment: string } {
  return { text, sentiment: rules(text, lang).sentiment };
}

describe("praise that did not last", () => {
  it("reads praise followed by a span of time as a complaint, in English and Swedish", () => {
    for (const [text, lang] of [
      ["Lovely for a week.", "en"],
      ["Worked great for two months, then it stopped charging.", "en"],
      ["Looked amazing for the first 3 weeks.", "en"],
      ["Comfortable for about a couple of wears.", "en"],
      ["Funkade toppen i två veckor.", "sv"],
      ["Jättefin de första dagarna.", "sv"],
      ["Var skön i typ tre tvättar.", "sv"],
    ] as const)
      expect(reading(text, lang)).toEqual({ text, sentiment: "negative" });
  });

  it("flips the praise just before the span with it, and its topic, with the span as evidence", () => {
    const english = rules("Worked great for two months, then it stopped charging.", "en");
    const functionality = english.topics.find((finding) => finding.topic === "functionality");
    expect(functionality?.sentiment).toBe("negative");
    expect(functionality?.evidence).toContain("for two months");
    const swedish = rules("Funkade toppen i två veckor.", "sv");
    const works = swedish.topics.find((finding) => finding.topic === "functionality");
    expect(works?.sentiment).toBe("negative");
    expect(works?.evidence).toContain("i två veckor");
    // The flip weighs as a negation does: as strong as "not lovely", the other way from "lovely".
    expect(rules("Lovely for a week.", "en").score).toBeCloseTo(rules("Not lovely.", "en").score, 6);
    expect(rules("Lovely for a week.", "en").score).toBeLessThan(0);
  });

  it("keeps praise that still holds: a perfect before it, or 'so far', 'now', 'hittills', 'nu' after the span", () => {
    for (const [text, lang] of [
      ["Has been great for three months.", "en"],
      ["It's been lovely for a week now.", "en"],
      ["I've worked great for two weeks with it.", "en"],
      ["Great for a week so far.", "en"],
      ["Har funkat bra i två månader.", "sv"],
      ["Funkat bra i 2 månader.", "sv"],
      ["Funkar bra i två veckor hittills.", "sv"],
      ["Skön i tre veckor nu.", "sv"],
    ] as const)
      expect(reading(text, lang)).toEqual({ text, sentiment: "positive" });
  });

  it("keeps praise of what the time was for, and spans without a count", () => {
    for (const [text, lang] of [
      ["Great for a week of camping.", "en"],
      ["Perfect for a weekend at the cottage.", "en"],
      ["Perfect for the day.", "en"],
      ["The battery is great for days.", "en"],
      ["Perfekt i två veckor på semestern.", "sv"],
      ["Bra i storleken.", "sv"],
      ["Jättefin den dagen.", "sv"],
    ] as const)
      expect(reading(text, lang)).toEqual({ text, sentiment: "positive" });
  });

  it("leaves a complaint followed by a span as it is, and negated praise negated once", () => {
    expect(reading("Useless for two weeks.", "en")).toEqual({ text: "Useless for two weeks.", sentiment: "negative" });
    // "not great for a week": the negator already flipped the praise; the span does not flip it back.
    expect(reading("Not great for a week.", "en")).toEqual({ text: "Not great for a week.", sentiment: "negative" });
    expect(reading("Inte bra i två veckor.", "sv")).toEqual({ text: "Inte bra i två veckor.", sentiment: "negative" });
  });
});
