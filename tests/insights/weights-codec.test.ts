// Weights format 3 (engine 2.16.0): the learned layer's tables as lines of text. The committed file must decode to
// what training gave, number for number, and a damaged file must fail loudly at start-up rather than read reviews with
// wrong weights.
import { readFileSync } from "node:fs";
import { compileWeights } from "~/modules/insights/learned/model";
import {
  CHUNK_LENGTH,
  decodeWeightTables,
  encodeWeightTables,
  type WeightTables,
} from "~/modules/insights/learned/weights-codec";
import { weightsPath } from "../../scripts/insights-train";

const EDGES: WeightTables = {
  rows: [
    [0, 0, 0],
    [1, 0, 1, 15, -1],
    [31, 2, 31, 3, -32],
    [32, 4, 1_000_000, 5, -1_000_000],
    [2 ** 31, 1, 123_456_789],
    [2 ** 32 - 1],
  ],
  bigrams: [
    [4_000_000_000, -3000, 0, 3000],
    [5, 1, -1, 0],
    [2 ** 32 - 1, 2 ** 40, -(2 ** 40), 7],
  ],
};

describe("the weights file's coded tables (format 3)", () => {
  it("decodes to the same rows and bigrams, whatever their order, sign and size", () => {
    const encoded = encodeWeightTables(EDGES);
    expect(encoded.rowCount).toBe(EDGES.rows.length);
    expect(encoded.bigramCount).toBe(EDGES.bigrams.length);
    expect(decodeWeightTables(encoded)).toEqual(EDGES);
    for (const line of [...encoded.rows, ...encoded.bigrams]) expect(line).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("cuts a long stream into lines of the chunk length and reads across them", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [i * 7919 + 1, i % 16, (i % 2 === 0 ? 1 : -1) * i * 37]);
    const encoded = encodeWeightTables({ rows, bigrams: [] });
    expect(encoded.rows.length).toBeGreaterThan(2);
    expect(encoded.rows.slice(0, -1).every((line) => line.length === CHUNK_LENGTH)).toBe(true);
    expect(decodeWeightTables(encoded).rows).toEqual(rows);
    // The same stream cut elsewhere reads the same: a number may straddle two lines.
    const joined = encoded.rows.join("");
    const recut = { ...encoded, rows: [joined.slice(0, 1001), joined.slice(1001)] };
    expect(decodeWeightTables(recut).rows).toEqual(rows);
  });

  it("refuses a stream that is cut short, runs on, or holds a character outside its alphabet", () => {
    const encoded = encodeWeightTables(EDGES);
    const rows = encoded.rows.join("");
    expect(() => decodeWeightTables({ ...encoded, rows: [rows.slice(0, -1)] })).toThrow(/end in the middle|rows/);
    expect(() => decodeWeightTables({ ...encoded, rowCount: encoded.rowCount + 1 })).toThrow(/rows/);
    expect(() => decodeWeightTables({ ...encoded, rowCount: encoded.rowCount - 1 })).toThrow(
      /more than the 5 rows it states/,
    );
    expect(() => decodeWeightTables({ ...encoded, rows: [`${rows.slice(0, 3)}=${rows.slice(3)}`] })).toThrow(
      /character outside the alphabet/,
    );
    expect(() => decodeWeightTables({ ...encoded, bigrams: [`${encoded.bigrams.join("")}A`] })).toThrow(
      /more than the 3 bigrams/,
    );
    // A hash stepping below 0 or past 32 bits is no feature.
    const below = encodeWeightTables({ rows: [[5, 0, 1]], bigrams: [] });
    expect(() => decodeWeightTables({ ...below, rows: [`D${below.rows[0].slice(1)}`] })).toThrow(/outside 32 bits/);
  });

  it("refuses rows it could not read back", () => {
    expect(() => encodeWeightTables({ rows: [[7, 1]], bigrams: [] })).toThrow(/output without a weight/);
    expect(() => encodeWeightTables({ rows: [], bigrams: [[7, 1, 2]] })).toThrow(/needs 3 weights/);
    expect(() => encodeWeightTables({ rows: [[7, 1, 0.5]], bigrams: [] })).toThrow(/cannot write/);
  });

  it("holds the committed weights in short lines, and a damaged committed file does not compile", () => {
    const text = readFileSync(weightsPath, "utf8");
    const file = JSON.parse(text) as { format: number; languages: Record<string, { rows: string[] }> };
    expect(file.format).toBe(3);
    expect(Math.max(...text.split("\n").map((line) => line.length))).toBeLessThanOrEqual(CHUNK_LENGTH + 20);
    expect(compileWeights(file).size).toBe(Object.keys(file.languages).length);
    const damaged = structuredClone(file);
    damaged.languages.en.rows[0] = `!${damaged.languages.en.rows[0].slice(1)}`;
    expect(() => compileWeights(damaged)).toThrow(/character outside the alphabet/);
  });
});
