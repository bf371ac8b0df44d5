import { moderationReasons, moderationStatus } from "~/modules/reviews";

const rules = { autoPublishMinRating: 4 };

describe("moderation rules", () => {
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
    ["profanity in Swedish", { rating: 5, body: "Jävla bra tröja" }, ["banned_word"]],
    ["profanity in the display name", { rating: 5, body: "Nice", displayName: "Shit Happens" }, ["banned_word"]],
    ["HTML markup in the text", { rating: 5, body: "<b>Best</b> mug ever" }, ["markup"]],
    ["a script tag in the name", { rating: 5, body: "Lovely", displayName: "<script>alert(1)</script>" }, ["markup"]],
    ["markup written as entities", { rating: 5, title: "&lt;img src=x onerror=alert(1)&gt;", body: "ok" }, ["markup"]],
    ["a heart and comparisons, which are not markup", { rating: 5, body: "Love it <3, size < 40 and > 38" }, []],
  ])("%s", (_label, review, expected) => {
    expect(moderationReasons(review, rules)).toEqual(expected);
  });

  it("does not mistake sizes, years, prices or order numbers for phone numbers", () => {
    const text = "Size 38-40, bought in 2026 for 499 kr, order #1042, fits 170-175 cm";
    expect(moderationReasons({ rating: 5, body: text }, rules)).toEqual([]);
  });

  it("does not hold ordinary words that contain a banned one", () => {
    expect(
      moderationReasons({ rating: 5, body: "A classic scunthorpe problem, and a great fan of it" }, rules),
    ).toEqual([]);
  });

  it("publishes only a review without reasons to hold it", () => {
    expect(moderationStatus([])).toBe("published");
    expect(moderationStatus(["low_rating"])).toBe("pending");
  });

  it("follows the shop's threshold", () => {
    expect(moderationReasons({ rating: 3, body: "ok" }, { autoPublishMinRating: 3 })).toEqual([]);
    expect(moderationReasons({ rating: 5, body: "ok" }, { autoPublishMinRating: 6 })).toEqual(["low_rating"]);
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
