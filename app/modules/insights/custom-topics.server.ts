// Merchant topics: a label and the words that signal it (any language). They are stored per shop and handed
// to the engine with every analysis; adding or removing one changes the shop's analysis version, so the
// shop's reviews are analysed again in the background (see pipeline.server.ts).
import { createHash } from "node:crypto";
import { z } from "zod";
import db, { type DbClient } from "../../db.server";
// The built-in topics live in index.ts; read only inside functions, so the import cycle is harmless.
import { BUILT_IN_TOPICS } from "./built-in-topics";
import { startShopReanalysis } from "./reanalysis.server";
import type { CustomTopicDefinition } from "./types";

export const MAX_CUSTOM_TOPICS = 20;
export const MAX_KEYWORDS_PER_TOPIC = 30;
const CUSTOM_KEY_PREFIX = "custom_";

const storedKeywordsSchema = z.array(z.string());

/** The shop's custom topics as the engine takes them, oldest first (their order is part of the version). */
export async function customTopicsForShop(shop: string, client: DbClient = db): Promise<CustomTopicDefinition[]> {
  const rows = await client.customTopic.findMany({ where: { shop }, orderBy: [{ createdAt: "asc" }, { key: "asc" }] });
  return rows.map((row) => {
    const parsed = storedKeywordsSchema.safeParse(safeJson(row.keywords));
    return { key: row.key, label: row.label, keywords: parsed.success ? parsed.data : [] };
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A short fingerprint of the topic definitions; "" when the shop has none. */
export function customTopicsFingerprint(topics: readonly CustomTopicDefinition[]): string {
  if (topics.length === 0) return "";
  const canonical = JSON.stringify(
    topics.map((topic) => [topic.key, [...topic.keywords].map((k) => k.toLowerCase()).sort()]),
  );
  return createHash("sha256").update(canonical).digest("hex").slice(0, 10);
}

export type CustomTopicField = "label" | "keywords";
export type CustomTopicFieldErrors = Partial<Record<CustomTopicField, string>>;

const keywordSchema = z
  .string()
  .trim()
  .min(2, "Each keyword needs at least two letters.")
  .max(60, "Keep each keyword under 60 characters.")
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N}\s'-]*\*?$/u,
    "Use letters, digits, spaces, hyphens or apostrophes; a * may end a word to match its endings (ärm*).",
  );

export const customTopicFormSchema = z.object({
  label: z
    .string()
    .trim()
    .min(2, "Give the topic a name of at least two characters, e.g. Sleeves.")
    .max(40, "Keep the name under 40 characters."),
  keywords: z
    .string()
    .transform((text) => [
      ...new Set(
        text
          .split(/[,\n]/)
          .map((word) => word.trim().toLowerCase())
          .filter((word) => word !== ""),
      ),
    ])
    .pipe(
      z
        .array(keywordSchema)
        .min(1, "Add at least one keyword, separated by commas (e.g. sleeve, sleeves, ärm*).")
        .max(MAX_KEYWORDS_PER_TOPIC, `Use at most ${MAX_KEYWORDS_PER_TOPIC} keywords per topic.`),
    ),
});

export function customTopicKey(label: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
  return `${CUSTOM_KEY_PREFIX}${slug || "topic"}`;
}

export type AddCustomTopicResult =
  { ok: true; topic: CustomTopicDefinition } | { ok: false; fieldErrors: CustomTopicFieldErrors };

export async function addCustomTopic(
  shop: string,
  input: { label: unknown; keywords: unknown },
  client: typeof db = db,
): Promise<AddCustomTopicResult> {
  const parsed = customTopicFormSchema.safeParse({ label: input.label ?? "", keywords: input.keywords ?? "" });
  if (!parsed.success) {
    const fieldErrors: CustomTopicFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as CustomTopicField;
      if (!fieldErrors[field]) {
        const keywordIndex = typeof issue.path[1] === "number" ? issue.path[1] : null;
        fieldErrors[field] =
          keywordIndex === null
            ? issue.message
            : `"${String(readKeyword(input.keywords, keywordIndex))}": ${issue.message}`;
      }
    }
    return { ok: false, fieldErrors };
  }
  const { label, keywords } = parsed.data;
  const key = customTopicKey(label);
  const wanted = label.toLowerCase();
  const builtIn = BUILT_IN_TOPICS.find((topic) =>
    [topic.key, topic.labels.en, topic.labels.sv].some((name) => name.toLowerCase() === wanted),
  );
  if (builtIn) {
    return {
      ok: false,
      fieldErrors: { label: `"${label}" is a built-in topic (${builtIn.labels.en}); choose another name.` },
    };
  }
  const existing = await client.customTopic.findMany({ where: { shop }, select: { key: true, label: true } });
  if (existing.some((topic) => topic.key === key)) {
    return {
      ok: false,
      fieldErrors: { label: `You already have a topic called "${label}". Remove it first or choose another name.` },
    };
  }
  if (existing.length >= MAX_CUSTOM_TOPICS) {
    return {
      ok: false,
      fieldErrors: { label: `A shop can have up to ${MAX_CUSTOM_TOPICS} custom topics; remove one first.` },
    };
  }
  await client.customTopic.create({ data: { shop, key, label, keywords: JSON.stringify(keywords) } });
  // Existing reviews learn about the topic in the background; new ones get it on arrival.
  await startShopReanalysis(shop, client);
  return { ok: true, topic: { key, label, keywords } };
}

function readKeyword(raw: unknown, index: number): string {
  const words =
    typeof raw === "string"
      ? [
          ...new Set(
            raw
              .split(/[,\n]/)
              .map((w) => w.trim().toLowerCase())
              .filter((w) => w !== ""),
          ),
        ]
      : [];
  return words[index] ?? "";
}

/** Removes the topic; its mentions disappear as the re-analysis this starts works through the shop's reviews. */
export async function removeCustomTopic(shop: string, key: string, client: typeof db = db): Promise<boolean> {
  const { count } = await client.customTopic.deleteMany({ where: { shop, key } });
  if (count === 0) return false;
  await startShopReanalysis(shop, client);
  return true;
}
