// shop/redact (48 hours after uninstall): every row of the shop goes, in every model.
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#shop-redact
// The list of models is read from the Prisma client's own data model, so a model added later with a `shop`
// column is redacted without anyone remembering to add it here (tests/privacy asserts the coverage).
import { createRequire } from "node:module";
import path from "node:path";
import defaultDb, { type Db } from "../../db.server";

interface ModelDescription {
  name: string;
  fields: { name: string; kind: string }[];
}

// Both generated clients describe the same schema; the SQLite one is always generated. It is found beside
// @prisma/client, which works from app/ (tsx, Vitest) and from the bundled server build alike.
const load = createRequire(import.meta.url);
const generatedClientPath = path.join(path.dirname(load.resolve("@prisma/client/package.json")), "..", "..", ".prisma", "client-sqlite");

/** Every model that holds a `shop` column, by Prisma model name. */
export function shopOwnedModels(): string[] {
  const { Prisma } = load(generatedClientPath) as {
    Prisma: { dmmf: { datamodel: { models: readonly ModelDescription[] } } };
  };
  return Prisma.dmmf.datamodel.models
    .filter((model) => model.fields.some((field) => field.name === "shop" && field.kind === "scalar"))
    .map((model) => model.name);
}

type DeleteMany = (args: { where: { shop: string } }) => Promise<{ count: number }>;

function delegateFor(db: Db, model: string): { deleteMany: DeleteMany } {
  const delegate = (db as unknown as Record<string, { deleteMany?: DeleteMany } | undefined>)[model[0].toLowerCase() + model.slice(1)];
  if (!delegate?.deleteMany) throw new Error(`The Prisma client has no delegate for model ${model}.`);
  return delegate as { deleteMany: DeleteMany };
}

/**
 * Deletes every row of `shop` in every shop-owned model; returns the count per model. Models referenced by
 * others with a restricting foreign key fail until their dependants are gone, so the deletes run in rounds
 * until every model is empty for the shop. Each delete is safe to repeat, so a crashed run is finished by
 * its retry (no single huge transaction over a big shop's data).
 */
export async function redactShop(shop: string, db: Db = defaultDb): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  let remaining = shopOwnedModels();
  for (let round = 0; remaining.length > 0; round++) {
    const blocked: { model: string; error: unknown }[] = [];
    for (const model of remaining) {
      try {
        const { count } = await delegateFor(db, model).deleteMany({ where: { shop } });
        deleted[model] = (deleted[model] ?? 0) + count;
      } catch (error) {
        if ((error as { code?: unknown }).code !== "P2003") throw error;
        blocked.push({ model, error });
      }
    }
    if (blocked.length === remaining.length || round > remaining.length) {
      throw new Error(`shop/redact could not delete ${blocked.map((b) => b.model).join(", ")} for ${shop}`, { cause: blocked[0]?.error });
    }
    remaining = blocked.map((b) => b.model);
  }
  return deleted;
}
