// Moving in: members' balances from a CSV, as opening-balance entries. Two layouts are recognised by their
// header: Stamped's export (first_name,last_name,email,points,birthday,vip_tier) and a plain email,points.
// One opening balance per member, ever (its sourceKey names the account), so importing the same file again,
// or an overlapping one, adds nothing; every row that is not imported says why.
import { parse } from "csv-parse/sync";
import db from "../../db.server";
import { loggerFor } from "../../logger.server";
import { afterLedgerChange } from "./account-effects.server";
import { ensureAccount, postEntries, withLockedAccount } from "./ledger.server";
import { getLoyaltyProgram } from "./program.server";
import { parseBirthday, tierLadder } from "./program";

export const MAX_IMPORT_BYTES = 2_000_000;
export const MAX_IMPORT_ROWS = 5_000;
const STAMPED_COLUMNS = ["first_name", "last_name", "email", "points", "birthday", "vip_tier"];
const PLAIN_COLUMNS = ["email", "points"];

export type ImportLayout = "stamped" | "plain";

export interface ImportReport {
  layout: ImportLayout;
  rows: number;
  imported: number;
  pointsImported: number;
  /** Members who already had an opening balance (a file imported again). */
  alreadyImported: number;
  rejected: { line: number; email: string | null; reason: string }[];
}

export type ImportResult = { ok: true; report: ImportReport } | { ok: false; error: string };

function normaliseHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "_");
}

export function detectLayout(header: string[]): ImportLayout | null {
  const columns = header.map(normaliseHeader);
  if (STAMPED_COLUMNS.every((c) => columns.includes(c))) return "stamped";
  if (PLAIN_COLUMNS.every((c) => columns.includes(c))) return "plain";
  return null;
}

export async function importBalances(shop: string, csv: string, now: Date = new Date()): Promise<ImportResult> {
  if (Buffer.byteLength(csv, "utf8") > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      error: `The file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB. Split it into smaller files; importing a member twice adds nothing.`,
    };
  }
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    return { ok: false, error: `The file is not valid CSV: ${(error as Error).message.split("\n")[0]}` };
  }
  if (records.length === 0) return { ok: false, error: "The file is empty." };
  const layout = detectLayout(records[0]);
  if (!layout) {
    return {
      ok: false,
      error:
        "The first line must name the columns: either first_name,last_name,email,points,birthday,vip_tier (Stamped's export) or email,points.",
    };
  }
  const rows = records.slice(1);
  if (rows.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      error: `The file has ${rows.length.toLocaleString("en")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en")} at a time.`,
    };
  }
  const header = records[0].map(normaliseHeader);
  const col = (row: string[], name: string) => row[header.indexOf(name)]?.trim() ?? "";
  const program = await getLoyaltyProgram(shop);
  const tiersByName = new Map(tierLadder(program).map((t) => [t.name.toLowerCase(), t]));
  const report: ImportReport = {
    layout,
    rows: rows.length,
    imported: 0,
    pointsImported: 0,
    alreadyImported: 0,
    rejected: [],
  };
  const reject = (line: number, email: string | null, reason: string) => {
    if (report.rejected.length < 500) report.rejected.push({ line, email, reason });
  };
  const seen = new Set<string>();

  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    const email = col(row, "email").toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      reject(line, email || null, "Not an email address.");
      continue;
    }
    if (seen.has(email)) {
      reject(line, email, "This email appears earlier in the file; only its first row is used.");
      continue;
    }
    seen.add(email);
    const pointsText = col(row, "points").replace(/[\s,]/g, "");
    if (!/^\d{1,9}$/.test(pointsText)) {
      reject(line, email, "Points must be a whole number of 0 or more.");
      continue;
    }
    const points = Number(pointsText);
    const customer = await db.customer.findFirst({
      where: { shop, email, shopifyId: { not: null }, redactedAt: null },
      select: { shopifyId: true },
    });
    if (!customer?.shopifyId) {
      reject(
        line,
        email,
        "No customer with this email has been seen in the shop yet (they appear after an order or sign-up).",
      );
      continue;
    }
    const birthdayText = layout === "stamped" ? col(row, "birthday") : "";
    const birthday = birthdayText ? parseBirthday(birthdayText) : null;
    const tierText = layout === "stamped" ? col(row, "vip_tier").toLowerCase() : "";
    const tier = tierText ? tiersByName.get(tierText) : undefined;
    const { id: accountId } = await ensureAccount(shop, customer.shopifyId);
    const added = await withLockedAccount(shop, accountId, async (tx, account) => {
      const { appended, account: after } = await postEntries(
        tx,
        account,
        [
          {
            points,
            bucket: "available",
            kind: "opening",
            reason: "import",
            sourceKey: `opening:${accountId}`,
            note: `Imported from a ${layout === "stamped" ? "Stamped" : "CSV"} file`,
          },
        ],
        now,
      );
      if (appended.length === 0) return false;
      let current = after;
      if (birthday && !account.birthday) {
        // A birthday brought over was not just chosen by the member: it counts as set long ago.
        await tx.loyaltyAccount.update({ where: { id: accountId }, data: { birthday, birthdaySetAt: new Date(0) } });
      }
      if (tier && tier.key !== account.tier) {
        await postEntries(
          tx,
          current,
          [
            {
              points: 0,
              bucket: "available",
              kind: "tier",
              reason: "tier",
              sourceKey: `opening-tier:${accountId}`,
              note: `Imported tier: ${tier.name}`,
            },
          ],
          now,
        );
        current = {
          ...(await tx.loyaltyAccount.update({ where: { id: accountId }, data: { tier: tier.key, tierSince: now } })),
        };
      }
      await afterLedgerChange(tx, current, program, now);
      return true;
    });
    if (!added) {
      report.alreadyImported += 1;
      continue;
    }
    report.imported += 1;
    report.pointsImported += points;
    if (birthdayText && !birthday)
      reject(line, email, "Imported, but the birthday was not understood (use YYYY-MM-DD or MM-DD) and was left out.");
    if (tierText && !tier)
      reject(
        line,
        email,
        `Imported, but there is no tier called “${col(row, "vip_tier")}”; the member starts in the tier their points earn.`,
      );
  }
  loggerFor({ shop, module: "loyalty" }).info(
    {
      layout,
      rows: report.rows,
      imported: report.imported,
      already: report.alreadyImported,
      rejected: report.rejected.length,
    },
    "loyalty balances imported",
  );
  return { ok: true, report };
}
