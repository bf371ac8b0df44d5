// The local-disk media store when a file goes away under a request: a shopper's erasure (or a hidden photo's
// clean-up) can remove a file between the serving code's look-up of its row and the read. The read must then say
// "not found", and a body let go of unread (a HEAD request) must not leave an unheard 'error' event behind, which
// would end the web process.
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLocalDiskStorage } from "~/modules/media";
import {
  discardBody,
  RangeNotSatisfiableError,
  type ByteRange,
  type RequestedRange,
  type StoredObject,
} from "~/modules/media/storage/media-storage";

const dir = mkdtempSync(path.join(os.tmpdir(), "kundrost-disk-"));
const storage = createLocalDiskStorage(dir);
const unheard: unknown[] = [];
const listen = (error: unknown) => unheard.push(error);
const KEY = "shop-a.myshopify.com/0123456789abcdef0123456789abcdef/original.webp";

beforeAll(() => process.on("uncaughtException", listen));
afterAll(() => {
  process.off("uncaughtException", listen);
  rmSync(dir, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("the local-disk media store", () => {
  it("reads a stored file whole and by range", async () => {
    await storage.put(KEY, Buffer.from("0123456789"), "image/webp");
    const whole = await storage.read(KEY);
    expect(whole && { length: whole.length, size: whole.size, type: whole.contentType }).toEqual({
      length: 10,
      size: 10,
      type: "image/webp",
    });
    const chunks: Buffer[] = [];
    for await (const chunk of (await storage.read(KEY, { start: 2, end: 4 }))!.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("234");
    if (whole) discardBody(whole);
  });

  it("meets a range as a request asks for it with the size of the file it opened, and refuses one past the end", async () => {
    await storage.put(KEY, Buffer.from("0123456789"), "image/webp");
    const text = async (object: StoredObject | null) => {
      const chunks: Buffer[] = [];
      for await (const chunk of object!.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString();
    };
    const cases: [RequestedRange, ByteRange, string][] = [
      [{ start: 7 }, { start: 7, end: 9 }, "789"],
      [{ suffix: 3 }, { start: 7, end: 9 }, "789"],
      [{ suffix: 40 }, { start: 0, end: 9 }, "0123456789"],
      [{ start: 8, end: 99 }, { start: 8, end: 9 }, "89"],
    ];
    for (const [asked, range, bytes] of cases) {
      const object = await storage.read(KEY, asked);
      expect(object && { range: object.range, length: object.length, size: object.size }).toEqual({
        range,
        length: bytes.length,
        size: 10,
      });
      expect(await text(object)).toBe(bytes);
    }
    const whole = await storage.read(KEY);
    expect(whole?.range).toBeUndefined();
    // Its body holds the file open until read or let go.
    if (whole) discardBody(whole);
    for (const asked of [{ start: 10 }, { start: 12, end: 20 }, { suffix: 0 }]) {
      const refusal = await storage.read(KEY, asked).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RangeNotSatisfiableError);
      expect(refusal).toHaveProperty("size", 10);
    }
  });

  it("tells what a read would without opening the file (a HEAD request's look-up)", async () => {
    await storage.put(KEY, Buffer.from("0123456789"), "image/webp");
    for (const asked of [undefined, { start: 7 }, { suffix: 3 }, { start: 8, end: 99 }] as const) {
      const read = await storage.read(KEY, asked);
      const { body, ...told } = read!;
      discardBody({ body });
      expect({ asked, head: await storage.head(KEY, asked) }).toEqual({ asked, head: told });
    }
    await expect(storage.head(KEY, { start: 10 })).rejects.toMatchObject({
      name: "RangeNotSatisfiableError",
      size: 10,
    });
    await storage.delete([KEY]);
    expect(await storage.head(KEY)).toBeNull();
  });

  it("says not found for a file removed after its size was read, and a discarded body reports nothing", async () => {
    await storage.put(KEY, Buffer.from("photo bytes"), "image/webp");
    expect(await storage.size(KEY)).toBe(11);
    await storage.delete([KEY]);
    expect(await storage.read(KEY)).toBeNull();

    await storage.put(KEY, Buffer.from("photo bytes"), "image/webp");
    const object = await storage.read(KEY);
    expect(object).not.toBeNull();
    await storage.delete([KEY]);
    if (object) discardBody(object);
    await settle();
    expect(unheard).toEqual([]);
  });

  it("lets go of a body whose file cannot be opened without an unheard error (the read used to open it lazily)", async () => {
    // What a lazily opened body did when its file went between the size check and the open: destroyed unread by a
    // HEAD request, the open's ENOENT came out as an 'error' event nobody listened to.
    const body = createReadStream(path.join(dir, "gone.webp"));
    discardBody({ body });
    await settle();
    expect(unheard).toEqual([]);
  });
});
