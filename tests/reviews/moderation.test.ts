import {
  looksLikeGibberish,
  moderationReasons,
  moderationStatus,
  MODERATION_REASON_WORDS,
  MODERATION_SIGNALS,
} from "~/modules/reviews";

const rules = { autoPublishMinRating: 4 };
const everyRating = { autoPublishMinRating: 1 };

describe("moderation rules on the text", () => {
  it.each([
    [
      "a five-star review with ordinary words",
      { rating: 5, body: "Soft linen, fits true to size. Washed it twice already." },
      [],
    ],
    ["a one-word review", { rating: 5, body: "Great" }, []],
    ["a rating below the shop's threshold", { rating: 3, body: "It is fine." }, ["low_rating"]],
    ["a link", { rating: 5, body: "Cheaper at https://example.com/deal" }, ["link"]],
    ["a bare domain", { rating: 5, body: "See my blog at lindqvist.se for photos" }, ["link"]],
    ["an e-mail address", { rating: 5, body: "Write to anna.lindqvist@example.se if you want one" }, ["email"]],
    ["a Swedish mobile number", { rating: 4, body: "Ring mig på 070-123 45 67 så säljer jag min" }, ["phone"]],
    ["an international number", { rating: 4, body: "Call +46 70 123 45 67" }, ["phone"]],
    ["profanity in English", { rating: 5, body: "Fucking great shirt" }, ["banned_word"]],
    ["an inflected English word", { rating: 5, body: "Total bullshit, the bastards lied" }, ["banned_word"]],
    ["profanity in Swedish", { rating: 5, body: "Jävla bra tröja" }, ["banned_word"]],
    ["a Swedish compound (part first)", { rating: 5, body: "Skitdålig söm, men fin färg" }, ["banned_word"]],
    ["a Swedish compound (part last)", { rating: 5, body: "Luktade hundskit när den kom" }, ["banned_word"]],
    ["a Swedish compound with an ending", { rating: 5, body: "Vilken jävlaskiten tröja" }, ["banned_word"]],
    ["profanity in the display name", { rating: 5, body: "Nice", displayName: "Shit Happens" }, ["banned_word"]],
    ["HTML markup in the text", { rating: 5, body: "<b>Best</b> mug ever" }, ["markup"]],
    ["a script tag in the name", { rating: 5, body: "Lovely", displayName: "<script>alert(1)</script>" }, ["markup"]],
    ["markup written as entities", { rating: 5, title: "&lt;img src=x onerror=alert(1)&gt;", body: "ok" }, ["markup"]],
    ["a heart and comparisons, which are not markup", { rating: 5, body: "Love it <3, size < 40 and > 38" }, []],
  ])("%s", (_label, review, expected) => {
    expect(moderationReasons(review, rules)).toEqual(expected);
  });

  it.each([
    [
      "English words that contain a listed one",
      "A classic scunthorpe problem, the assessment of a bastion, a great fan of it",
    ],
    ["English words that begin like one", "The shitake risotto and a cocktail at Dickens, then cumulative pass"],
    [
      "Swedish words that contain a listed one",
      "Köket i Fittja, hornen på hjorten, horisonten och en kukeliku från tuppen",
    ],
    ["Swedish words near the lists", "Fantastisk skjorta, fanns i min storlek. Horder av folk köpte den."],
    ["Swedish compounds that are ordinary", "Skicket var bra, skinnet mjukt och skiftet snabbt"],
  ])("does not hold %s", (_label, body) => {
    expect(moderationReasons({ rating: 5, body }, rules)).toEqual([]);
  });

  it("does not mistake sizes, years, prices or order numbers for phone numbers", () => {
    const text = "Size 38-40, bought in 2026 for 499 kr, order #1042, fits 170-175 cm";
    expect(moderationReasons({ rating: 5, body: text }, rules)).toEqual([]);
  });

  it("publishes only a review without reasons to hold it", () => {
    expect(moderationStatus([])).toBe("published");
    expect(moderationStatus(["low_rating"])).toBe("pending");
  });

  it("follows the shop's threshold, and by default publishes every rating", () => {
    expect(moderationReasons({ rating: 3, body: "ok" }, { autoPublishMinRating: 3 })).toEqual([]);
    expect(moderationReasons({ rating: 5, body: "ok" }, { autoPublishMinRating: 6 })).toEqual(["low_rating"]);
    expect(moderationReasons({ rating: 1, body: "Fell apart after a week." }, everyRating)).toEqual([]);
  });

  it("gives every reason words a merchant can read", () => {
    for (const signal of MODERATION_SIGNALS) expect(MODERATION_REASON_WORDS[signal.reason]).toMatch(/^[A-Z].+\.$/);
    expect(MODERATION_REASON_WORDS.reported).toContain("reported");
  });
});

describe("moderation signals from what the database knows", () => {
  it.each([
    ["the same text in another review", { similarReviews: 1 }, ["duplicate_text"]],
    ["no similar text", { similarReviews: 0 }, []],
    ["many reviews from one email", { reviewsFromEmail: 4 }, ["email_burst"]],
    ["a few reviews from one email", { reviewsFromEmail: 3 }, []],
    ["many reviews from one network", { reviewsFromNetwork: 6 }, ["network_burst"]],
  ])("%s", (_label, facts, expected) => {
    expect(moderationReasons({ rating: 5, body: "Fine shirt" }, everyRating, facts)).toEqual(expected);
  });

  it.each([
    ["glowing stars on an angry English text", 5, -0.7, ["sentiment_mismatch"]],
    ["one star on a delighted Swedish text", 1, 0.8, ["sentiment_mismatch"]],
    ["stars and text that agree", 5, 0.6, []],
    ["a mildly negative text under four stars", 4, -0.3, []],
    ["no sentiment to compare", 5, null, []],
  ])("%s", (_label, rating, sentimentScore, expected) => {
    expect(moderationReasons({ rating, body: "words" }, everyRating, { sentimentScore })).toEqual(expected);
  });
});

describe("gibberish", () => {
  it.each([
    ["keyboard mash", "asdfgh jklö qwerty"],
    ["one long run of consonants", "xkcdqwpl zzzzzzz"],
    ["a letter over and over", "aaaaaaaaaa bbbbbbbb"],
  ])("holds %s", (_label, text) => {
    expect(looksLikeGibberish(text)).toBe(true);
    expect(moderationReasons({ rating: 5, body: text }, everyRating)).toEqual(["gibberish"]);
  });

  it.each([
    ["an English review", "Strong stitching and the colour held after several washes."],
    [
      "a Swedish review with long compounds",
      "Sommarklänningen var bomullsmjuk, men tvättinstruktionerna var svårlästa.",
    ],
    ["a short Swedish review", "Bra!"],
    ["a review with a model number", "Works with the XR-200, crisp sound"],
  ])("passes %s", (_label, text) => {
    expect(looksLikeGibberish(text)).toBe(false);
  });
});

// Moderation runs on text a stranger typed: every pattern must stay linear in the text's length. A pattern
// that retries a long run of letters from each of its characters costs seconds on 50,000 characters
// (quadratic), a linear one a few milliseconds; the budget sits far between the two, so a loaded machine
// does not fail it and a quadratic pattern cannot pass it.
describe("moderation on adversarial text", () => {
  const CPU_BUDGET_MS = 250;
  const LENGTH = 50_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
  const cpuMs = (run: () => void) => {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };

  it.each([
    ["links: a long hyphenated word (no dot)", fill("a-")],
    ["links: labels without a known ending", fill("ab.")],
    ["links: 'www' repeated", fill("www")],
    ["links: 'http:/' repeated", fill("http:/")],
    ["e-mail: a long hyphenated word (no @)", fill("a-")],
    ["e-mail: many at signs", fill("a@")],
    ["e-mail: an address domain that never ends in letters", `x@${fill("a.1")}`],
    ["e-mail: a local part of dots and plus signs", fill(".+")],
    ["phone: digits split by separators, ending in a letter", `${fill("1-")}x`],
    ["phone: digits and brackets", fill("1 (")],
    ["words: one endless word", fill("a")],
  ])("%s stays within the CPU budget", (_label, text) => {
    const used = cpuMs(() =>
      moderationReasons({ rating: 5, title: text, body: text, displayName: text.slice(0, 80) }, rules),
    );
    expect(used).toBeLessThan(CPU_BUDGET_MS);
  });

  it("still finds what the rules look for after the rewrite", () => {
    expect(
      moderationReasons({ rating: 5, body: "mail me: a-b.c+d@shop.example.se or see sub.example.com/x" }, rules),
    ).toEqual(["link", "email"]);
    expect(moderationReasons({ rating: 5, body: "-lindqvist.se- is my shop" }, rules)).toEqual(["link"]);
    expect(moderationReasons({ rating: 5, body: "a-b-c@d" }, rules)).toEqual([]);
  });
});
