// Scare quotes (engine 2.8.0): a shopper who puts the seller's word in quotes is disputing it ('the "indestructible"
// toy', '"snabb leverans"'). Praise inside one to three quoted words is not praise to the rules, and the learned layer
// reads the quote as a feature of its own; quoted speech stays what it says.
import { analyzeReview } from "~/modules/insights";
import { createQuotedSpans, createTokenBuffer, findQuotedSpans, scanTokens } from "~/modules/insights/tokenizer";

function spans(text: string): string[] {
  const quotes = createQuotedSpans();
  findQuotedSpans(text, quotes);
  const found = Array.from({ length: quotes.count }, (_, q) => text.slice(quotes.opens[q], quotes.closes[q] + 1));
  // Analysis passes the scan, which counts the quote marks: the same spans, found only where there are two or more.
  const tokens = createTokenBuffer();
  scanTokens(text, tokens);
  findQuotedSpans(text, quotes, tokens);
  expect(Array.from({ length: quotes.count }, (_, q) => text.slice(quotes.opens[q], quotes.closes[q] + 1))).toEqual(
    found,
  );
  return found;
}

describe("scare quotes", () => {
  it("finds one to three quoted words, in straight, curly, low and angle quotes, and not quoted speech", () => {
    expect(spans('The "indestructible" toy lasted a day.')).toEqual(['"indestructible"']);
    expect(spans("Svaret var ”normalt slitage” och „inget fel” och «inte möjligt enligt rutinerna».")).toEqual([
      "”normalt slitage”",
      "„inget fel”",
    ]);
    // Speech ends a sentence inside its quotes, or runs longer than three words.
    expect(spans('She said "I love it!" and wears it daily.')).toEqual([]);
    expect(spans('The label says "suitable for all weather conditions" but it leaks.')).toEqual([]);
    // A long quote does not hide a short one after it, nor does an inch mark (5").
    expect(spans('It says "suitable for all weather conditions" and "waterproof".')).toEqual(['"waterproof"']);
    expect(spans('The 5" heels, and the "memory foam" is flat.')).toEqual(['"memory foam"']);
    expect(spans("No quotes here.")).toEqual([]);
  });

  it("does not count praise the shopper quotes as praise, in English and Swedish", () => {
    const rules = (text: string, lang: string) => analyzeReview(text, { lang, learned: false });
    expect(rules("The indestructible toy lasted a day.", "en").sentiment).toBe("positive");
    expect(rules('The "indestructible" toy lasted a day.', "en").sentiment).toBe("neutral");
    expect(rules("Betalade för snabb leverans, paketet kom efter tre veckor.", "sv").score).toBeGreaterThan(0);
    expect(rules("Betalade för ”snabb leverans”, paketet kom efter tre veckor.", "sv").score).toBeLessThanOrEqual(0);
    // A complaint in quotes stays a complaint ("normalt slitage" is the seller's excuse, and still no praise).
    expect(rules('They called it "poor handling" on my part.', "en").score).toBeLessThan(0);
    // Quoted speech is the shopper's own verdict.
    expect(rules('My daughter said "I love it!" and wears it every day.', "en").sentiment).toBe("positive");
  });

  it("reads a review that disputes the seller's word as a complaint", () => {
    for (const [text, lang] of [
      ['Dog chewed through this "indestructible" toy in about twenty minutes.', "en"],
      ["Köpte en ”reptålig” mobilskal, repigt efter två dagar.", "sv"],
    ])
      expect({ text, sentiment: analyzeReview(text, { lang }).sentiment }).toEqual({ text, sentiment: "negative" });
  });
});
