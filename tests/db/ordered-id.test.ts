import { afterEach, describe, expect, it, vi } from "vitest";
import { orderedId } from "../../app/db.server";

describe("orderedId", () => {
  afterEach(() => vi.useRealTimers());

  it("is a version 7 UUID carrying the time in milliseconds", () => {
    vi.useFakeTimers({ now: new Date("2030-11-27T10:00:00.123Z"), toFake: ["Date"] });
    const id = orderedId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.parse("2030-11-27T10:00:00.123Z"));
  });

  it("sorts in the order it was made, within a millisecond and across them, and never repeats", () => {
    vi.useFakeTimers({ now: new Date("2030-11-28T00:00:00.000Z"), toFake: ["Date"] });
    const ids: string[] = [];
    // More than the 4,096 a millisecond's counter holds: the next millisecond is borrowed, the order kept.
    for (let i = 0; i < 10_000; i++) ids.push(orderedId());
    vi.setSystemTime(new Date("2030-11-28T00:00:00.001Z"));
    for (let i = 0; i < 10; i++) ids.push(orderedId());
    vi.setSystemTime(new Date("2030-11-28T00:00:05.000Z"));
    for (let i = 0; i < 10; i++) ids.push(orderedId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("does not go back when the clock does", () => {
    vi.useFakeTimers({ now: new Date("2030-11-29T00:00:00.000Z"), toFake: ["Date"] });
    const before = orderedId();
    vi.setSystemTime(new Date("2030-11-28T23:59:59.000Z"));
    expect(orderedId() > before).toBe(true);
  });
});
