import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// JSON.parse keeps the last of two equal keys in an object without a word, so a lexicon entry written twice (with
// different values, one of them is silently lost) goes unnoticed by every other test.
const LEXICON_DIR = join(import.meta.dirname, "../../app/modules/insights/lexicon");

/** The keys that occur more than once in one object of `text` (a JSON document), as "path: key". */
function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  // One entry per open container: its keys so far (null for an array).
  const stack: (Set<string> | null)[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const value = JSON.parse(text.slice(i, end + 1)) as string;
      let after = end + 1;
      while (/\s/.test(text[after] ?? "")) after++;
      const keys = stack[stack.length - 1];
      if (text[after] === ":" && keys) {
        if (keys.has(value)) found.push(`${stack.length}: ${value}`);
        keys.add(value);
      }
      i = end + 1;
      continue;
    }
    if (char === "{") stack.push(new Set());
    else if (char === "[") stack.push(null);
    else if (char === "}" || char === "]") stack.pop();
    i++;
  }
  return found;
}

describe("lexicon files", () => {
  it("finds a key written twice in one object, and not the same key in two objects", () => {
    expect(duplicateKeys('{"a": {"x": 1, "y": "x"}, "b": {"x": 2}, "c": ["x", "x"]}')).toEqual([]);
    expect(duplicateKeys('{"a": {"som \\"på\\" bilderna": 1.5, "y": 2, "som \\"på\\" bilderna": 1.5}}')).toEqual([
      '2: som "på" bilderna',
    ]);
  });

  const files = readdirSync(LEXICON_DIR).filter((name) => name.endsWith(".json"));

  it("has lexicon files to check", () => {
    expect(files).toEqual(expect.arrayContaining(["en.sentiment.json", "sv.sentiment.json", "sv.topics.json"]));
  });

  it.each(files)("%s names each entry once", (name) => {
    expect(duplicateKeys(readFileSync(join(LEXICON_DIR, name), "utf8"))).toEqual([]);
  });
});
