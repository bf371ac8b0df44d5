/**
 * Reviews CLI: import a peer's CSV into a shop, or export a shop's reviews.
 *   npm run reviews -- import --shop <domain> [--format auto|judgeme|okendo|yotpo|loox|kundrost] <file.csv>
 *   npm run reviews -- export --shop <domain> [--format kundrost|judgeme] [--out <file.csv>]
 * `import` prints the rejected rows (line and reason) to stderr and ends with exactly one line
 * `imported=<N> skipped=<S> errors=<E>`; `export` streams the CSV to --out or stdout.
 * The database is the app's (DATABASE_URL, else the local SQLite file); run `npm run db:migrate` first.
 */
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { z } from "zod";

// Logs go to stderr at warn and above, so stdout carries only what the command is for.
process.env.LOG_LEVEL ??= "warn";

const usage = `Usage:
  npm run reviews -- import --shop <shop.myshopify.com> [--format auto|judgeme|okendo|yotpo|loox|kundrost] <file.csv>
  npm run reviews -- export --shop <shop.myshopify.com> [--format kundrost|judgeme] [--out <file.csv>]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { shop: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
});
const [command, file] = positionals;
const shop = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/)
  .safeParse(values.shop);
if (!shop.success) fail("--shop must be a shop domain like example.myshopify.com.");

const reviews = await import("../app/modules/reviews/index");
const { default: db } = await import("../app/db.server");

if (command === "import") {
  if (!file) fail("Name the CSV file to import.");
  const format = z.enum(["auto", ...reviews.IMPORT_FORMATS]).safeParse(values.format ?? "auto");
  if (!format.success) fail(`--format must be auto, ${reviews.IMPORT_FORMATS.join(", ")}.`);
  try {
    if (!statSync(file).isFile()) fail(`${file} is not a file.`);
  } catch (error) {
    fail(`Cannot read ${file}: ${(error as Error).message}`);
  }
  // Streamed in: a large export is never read into memory whole.
  const result = await reviews
    .importReviewsFile({
      shop: shop.data,
      fileName: path.basename(file),
      data: createReadStream(file),
      format: format.data,
    })
    .catch((error: unknown) => {
      if (error instanceof reviews.ImportTooLargeError) return { ok: false as const, message: error.message };
      throw error;
    });
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`);
    console.log("imported=0 skipped=0 errors=0");
    await db.$disconnect();
    process.exit(1);
  }
  const rejected = await reviews.rejectedRowsCsv(shop.data, result.importId);
  const lines = (rejected ?? "").trim().split("\n").slice(1);
  for (const row of lines) process.stderr.write(`line ${row.split(",")[0]}: ${row.slice(row.indexOf(",") + 1)}\n`);
  process.stderr.write(`${reviews.IMPORT_FORMAT_LABELS[result.format]} file, ${result.totalRows} rows.\n`);
  console.log(`imported=${result.imported} skipped=${result.skipped} errors=${result.errors}`);
} else if (command === "export") {
  const format = z.enum(reviews.EXPORT_FORMATS).safeParse(values.format ?? "kundrost");
  if (!format.success) fail(`--format must be ${reviews.EXPORT_FORMATS.join(" or ")}.`);
  const chunks = reviews.exportReviewChunks(shop.data, format.data);
  let rows = -1;
  const counted = async function* (): AsyncGenerator<string> {
    for await (const chunk of chunks) {
      rows += chunk.split("\r\n").length - 1;
      yield chunk;
    }
  };
  if (!values.out) {
    await pipeline(Readable.from(counted()), process.stdout, { end: false });
  } else {
    // Written beside its name and renamed once whole: a failed export leaves nothing half-written.
    const partial = `${values.out}.${process.pid}.partial`;
    try {
      await pipeline(Readable.from(counted()), createWriteStream(partial, { flags: "wx" }));
      renameSync(partial, values.out);
    } catch (error) {
      rmSync(partial, { force: true });
      await db.$disconnect();
      fail(`Cannot write ${values.out}: ${(error as Error).message}`);
    }
    process.stderr.write(`Exported ${rows} reviews to ${values.out}\n`);
  }
} else {
  fail(command ? `Unknown command "${command}".` : "Name a command.");
}
await db.$disconnect();
