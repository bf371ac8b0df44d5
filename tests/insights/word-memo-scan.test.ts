import { analyzeReview } from "~/modules/insights";
import { createTokenBuffer, scanTokens, type TokenBuffer } from "~/modules/insights/tokenizer";
import { addWord, createWordTable, internalized, wordHash, type InternedWord } from "~/modules/insights/word-table";

// The engine's scan finds known words in its word memo straight from the review's text (tokenizer.ts,
// scanInternedWord); it must give exactly the tokens the plain scan gives, capitals, apostrophes and all.
const texts = [
  "The FIT is great, don't you think? DON'T buy it; don'T either. O'Neil's T-Shirt, t-Shirt and T-SHIRT.",
  "Ärligt talat: ÅÄÖ åäö Åsa ÉTÉ été Café NAÏVE naïve Straße STRASSE ÞORN þorn ×",
  "İstanbul ΣΟΦΙΑ Σοφία КИЕВ don’t Don’T it’S x-Ärm e-Hälsa 3.5 3.X 10.00 2x v2 µm ª º",
  "Kom välpackad och snabbare än väntat!!! Inte värd pengarna 😍 :) <3 xD",
];

function tokensOf(buffer: TokenBuffer) {
  return Array.from({ length: buffer.count }, (_, t) => [
    buffer.kinds[t],
    buffer.starts[t],
    buffer.ends[t],
    buffer.words[t],
    buffer.marks[t],
    buffer.nonAscii[t],
  ]);
}

describe("scanning with the word memo", () => {
  it("gives the plain scan's tokens, and finds every word it was given by its lower-cased text", () => {
    const plain = createTokenBuffer(4);
    const interned = createTokenBuffer(4);
    const table = createWordTable<InternedWord>(8);
    for (const text of texts) {
      scanTokens(text, plain);
      for (let round = 0; round < 2; round++) {
        scanTokens(text, interned, table);
        expect(tokensOf(interned)).toEqual(tokensOf(plain));
        for (let t = 0; t < interned.count; t++) {
          if (interned.kinds[t] !== 1) continue; // interned[t] is for word tokens only
          const entry = interned.interned[t];
          if (entry !== null) expect(entry.word).toBe(plain.words[t]);
          else if (round === 0) {
            const word = plain.words[t];
            if (!table.list.some((known) => known.word === word)) addWord(table, { word, hash: wordHash(word) });
          }
        }
      }
    }
    // The second round found most words; those with letters beyond Latin-1 or a curly apostrophe take the string
    // path, and a capital right after an apostrophe or hyphen too.
    scanTokens(texts[0], interned, table);
    const words = interned.interned.filter((entry, t) => t < interned.count && interned.kinds[t] === 1);
    // 18 words: DON'T, don'T, O'Neil's and the three T-shirts take the string path.
    expect(words.filter((entry) => entry !== null).length).toBe(11);
    const found = new Set(table.list.map((entry) => entry.word));
    expect(found.has("don't")).toBe(true);
    expect(found.has("åsa")).toBe(true);
  });
});

describe("the word memo's per-pack columns", () => {
  // language-detection.ts keeps what each pack reads in a word in columns indexed by the word's number in the
  // memo; they grow with it (from 1,024 rows), and the memo starts afresh past 25,000 words, between analyses only.
  // Readings must not depend on either.
  const reviews = [
    "The fit is great but the fabric feels cheap, not worth the money.",
    "Passformen är bra men tyget känns billigt, inte värt pengarna.",
    "Not bad at all 👍 runs a bit small though",
  ];

  it("reads the same reviews the same way after the memo has grown past its limit and started afresh", () => {
    const before = reviews.flatMap((text) => [analyzeReview(text), analyzeReview(text, { learned: false })]);
    const letters = "abcdefghijklmnopqrstuvwxyz";
    for (let n = 0; n < 30_000; n += 20) {
      const words = Array.from({ length: 20 }, (_, k) => {
        let word = "";
        for (let rest = n + k; ; rest = Math.floor(rest / letters.length)) {
          word += letters[rest % letters.length];
          if (rest < letters.length) break;
        }
        return `${word}ning`;
      });
      // Each pack's columns are filled (detection asks every pack about short texts), some with the model's sums.
      analyzeReview(words.join(" "), n % 40 === 0 ? { learned: false } : {});
      if (n % 2_000 === 0) {
        const again = reviews.flatMap((text) => [analyzeReview(text), analyzeReview(text, { learned: false })]);
        expect(again).toEqual(before);
      }
    }
    const after = reviews.flatMap((text) => [analyzeReview(text), analyzeReview(text, { learned: false })]);
    expect(after).toEqual(before);
  });

  it("keeps every word's text when it takes V8's one copy of it (the memo's words and the phrases' words)", () => {
    const text = "Jättebra passform, wonderfully__proto__ 12 3.5 constructor toString";
    const words = [
      ...text.split(/[ ,]+/),
      text.slice(0, 9).toLowerCase(),
      "",
      "__proto__",
      "0",
      "4294967295",
      "-1",
      "hasOwnProperty",
      "x".repeat(300),
    ];
    for (const word of words) {
      const copy = internalized(word);
      expect(copy).toBe(word);
      expect(copy.length).toBe(word.length);
      expect(wordHash(copy)).toBe(wordHash(word));
    }
  });
});
