// Photo decodes are bounded per process: at most `size` at once, the rest wait their turn in order, and a
// decode that fails gives its slot back. The default leaves a core to the web requests.
import { decodeConcurrency } from "~/modules/media";
import { DecodeSlots } from "~/modules/media/decode-slots.server";

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe("decode slots", () => {
  it("runs at most `size` decodes at once and starts the others in the order they came", async () => {
    const slots = new DecodeSlots(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const done = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        try {
          await gate.promise;
          return i;
        } finally {
          running -= 1;
        }
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect(slots.inUse).toBe(2);

    gates[1].resolve();
    await done[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);

    // A decode that fails gives its slot to the next in line too.
    gates[0].reject(new Error("damaged"));
    await expect(done[0]).rejects.toThrow("damaged");
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2, 3]);

    for (const gate of gates) gate.resolve();
    expect(await Promise.all(done.slice(1))).toEqual([1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(slots.inUse).toBe(0);
  });

  it("refuses a size that is not a whole number of at least one", () => {
    expect(() => new DecodeSlots(0)).toThrow();
    expect(() => new DecodeSlots(1.5)).toThrow();
  });

  it("defaults to one less than the cores (one to four), unless MEDIA_DECODE_CONCURRENCY says otherwise", () => {
    expect([1, 2, 3, 8, 64].map((cores) => decodeConcurrency({}, cores))).toEqual([1, 1, 2, 4, 4]);
    expect(decodeConcurrency({ MEDIA_DECODE_CONCURRENCY: "6" }, 2)).toBe(6);
    for (const odd of ["0", "-1", "2.5", "many", "65"])
      expect(decodeConcurrency({ MEDIA_DECODE_CONCURRENCY: odd }, 4)).toBe(3);
  });
});
