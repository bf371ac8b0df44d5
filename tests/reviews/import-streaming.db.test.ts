// An import file is never held whole: it is read in pieces of any size (the records and line numbers come out
// the same), stored in pieces as it is uploaded (its encoding told and its rows counted on the way), read back
// a piece at a time by the preview and the job, and removed when it is done or abandoned.
import db from "~/db.server";
import { importReviewsFile, previewImport, receiveImportFile, ImportTooLargeError } from "~/modules/reviews";
import { CsvRecordReader, readCsvRecords, type CsvRecord } from "~/modules/reviews/import/csv-reader";
import { createShop } from "./review-request-factory";

const NOW = new Date("2026-10-12T10:00:00Z");
const HEADER =
  "title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location";

function inPieces(text: string, sizes: number[]): CsvRecord[] {
  const reader = new CsvRecordReader(",");
  const records: CsvRecord[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i += 1) {
    const size = sizes[i % sizes.length];
    records.push(...reader.push(text.slice(at, at + size)));
    at += size;
  }
  return [...records, ...reader.end()];
}

async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe("reading a CSV in pieces", () => {
  const tricky = [
    "a,b,c",
    '"quoted, with comma","two\r\nlines",plain',
    '"doubled ""quotes""",x,"ends with quote"""',
    "",
    "after,a,blank line",
    '"late"tail,mid"quote,z',
    "crlf,row,end\r",
    "last,row,no newline",
  ].join("\n");

  it("gives the same records and line numbers whatever the piece sizes", () => {
    const whole = readCsvRecords(tricky, ",");
    expect(whole.map((r) => r.line)).toEqual([1, 2, 4, 6, 7, 8, 9]);
    expect(whole[1].fields).toEqual(["quoted, with comma", "two\r\nlines", "plain"]);
    expect(whole[2].fields).toEqual(['doubled "quotes"', "x", 'ends with quote"']);
    expect(whole[4].fields).toEqual(["latetail", 'mid"quote', "z"]);
    for (const sizes of [[1], [2], [3], [7], [1, 5, 2], [64]]) {
      expect(inPieces(tricky, sizes), `pieces of ${sizes.join("/")}`).toEqual(whole);
    }
  });

  it("stops at a quote that never closes, naming its line, in pieces as in one go", () => {
    const text = 'a,b\n1,2\n"open,3\n4,5\n6,7';
    const expected = [
      { line: 1, fields: ["a", "b"], unterminated: false },
      { line: 2, fields: ["1", "2"], unterminated: false },
      { line: 3, fields: ["open,3\n4,5\n6,7"], unterminated: true },
    ];
    expect(readCsvRecords(text, ",")).toEqual(expected);
    expect(inPieces(text, [3])).toEqual(expected);
  });
});

describe("an upload stored in pieces", () => {
  async function shopWithLinen() {
    const { shop } = await createShop({ name: "Bit & Co" });
    await db.product.create({ data: { shop, shopifyId: "8001", title: "Linen Shirt", handle: "linen-shirt" } });
    return shop;
  }

  function rows(count: number, text: (i: number) => string) {
    return Array.from(
      { length: count },
      (_, i) => `T${i},"${text(i)}",5,2024-05-03,web,ok,Name ${i},n${i}@example.se,,linen-shirt,,,,,`,
    );
  }

  it("tells Windows-1252 from the bytes after the first megabyte and keeps characters split between pieces", async () => {
    const shop = await shopWithLinen();
    // About 2.5 MB of ASCII, then Swedish letters in Windows-1252: the encoding shows only late in the file.
    const ascii = rows(16_000, (i) => `Plain words for row ${i}, nothing special here at all, just ASCII text.`);
    const swedish = rows(3, (i) => `Härlig kvalitet nummer ${i}, värd varje öre`);
    const file = Buffer.from([HEADER, ...ascii, ...swedish].join("\r\n"), "latin1");
    expect(file.length).toBeGreaterThan(2 * 1024 * 1024);

    const received = await receiveImportFile({ shop, fileName: "excel.csv", data: pieces(file, 65_537), now: NOW });
    expect(received).toMatchObject({ ok: true, encoding: "windows-1252", separator: ",", totalRows: 16_003 });
    if (!received.ok) return;
    expect(await db.reviewImportChunk.count({ where: { importId: received.importId } })).toBe(3);

    const preview = await previewImport({ shop, importId: received.importId, now: NOW });
    expect(preview).toMatchObject({ ok: true, format: "judgeme", totalRows: 16_003 });
  });

  it("imports a UTF-8 file sent in odd-sized pieces with every å, ä and ö intact", async () => {
    const shop = await shopWithLinen();
    const file = Buffer.from(
      [HEADER, ...rows(9_000, (i) => `Åsa tyckte om tröjan ${i}, ärligt talat, öppen och skön`)].join("\n"),
      "utf8",
    );
    // The sender's pieces (333,331 bytes) and the stored ones (1 MiB) split two-byte letters somewhere.
    const result = await importReviewsFile({ shop, fileName: "u.csv", data: pieces(file, 333_331), now: NOW });
    expect(result).toMatchObject({ ok: true, imported: 9_000, errors: 0 });
    const bodies = await db.review.findMany({ where: { shop }, select: { body: true } });
    expect(bodies.every((r) => /^Åsa tyckte om tröjan \d+, ärligt talat, öppen och skön$/.test(r.body))).toBe(true);
    if (result.ok) expect(await db.reviewImportChunk.count({ where: { importId: result.importId } })).toBe(0);
  });

  it("refuses a file past the limit as it arrives, and keeps nothing of it", async () => {
    const shop = await shopWithLinen();
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`${HEADER}\n`);
      for (;;) yield Buffer.alloc(4 * 1024 * 1024, 0x61);
    }
    await expect(receiveImportFile({ shop, fileName: "big.csv", data: endless(), now: NOW })).rejects.toThrow(
      ImportTooLargeError,
    );
    expect(await db.reviewImport.count({ where: { shop } })).toBe(0);
    expect(await db.reviewImportChunk.count({ where: { shop } })).toBe(0);
  });

  it("removes what the merchant never confirmed after a day, and an unusable file at once", async () => {
    const shop = await shopWithLinen();
    const file = Buffer.from([HEADER, ...rows(2, () => "fine")].join("\n"));
    const old = await receiveImportFile({
      shop,
      fileName: "old.csv",
      data: file,
      now: new Date("2026-10-10T08:00:00Z"),
    });
    expect(old.ok).toBe(true);
    const unusable = await receiveImportFile({ shop, fileName: "x.csv", data: Buffer.from("a,b\n1,2\n"), now: NOW });
    if (!unusable.ok) throw new Error(unusable.message);
    expect(await previewImport({ shop, importId: unusable.importId, now: NOW })).toMatchObject({ ok: false });
    // The upload that cannot be imported is gone; the day-old one went when this shop's next upload came.
    expect(await db.reviewImport.findMany({ where: { shop }, select: { fileName: true } })).toEqual([]);
    expect(await db.reviewImportChunk.count({ where: { shop } })).toBe(0);
  });
});
