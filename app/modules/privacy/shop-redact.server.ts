// shop/redact (48 hours after uninstall): every row of the shop goes, in every model.
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#shop-redact
// Shopify documents when it sends one ("48 hours after a store owner uninstalls your app") and that it is for
// erasing the store's data, not whether a reinstall within those hours withholds it. So the redaction is
// checked against what happened since (decideShopRedaction): it follows one uninstall; when the merchant has
// installed the app again after that uninstall and still has it installed, the data is the live shop's and
// nothing is deleted. A later uninstall brings its own shop/redact 48 hours after it.
// The list of models is read from the Prisma client's own data model, so a model added later with a `shop`
// column is redacted without anyone remembering to add it here (tests/privacy asserts the coverage).
import { createRequire } from "node:module";
import path from "node:path";
import defaultDb, { type Db, type DbClient } from "../../db.server";

interface ModelDescription {
  name: string;
  fields: { name: string; kind: string }[];
}

// Both generated clients describe the same schema; the SQLite one is always generated. It is found beside
// @prisma/client, which works from app/ (tsx, Vitest) and from the bundled server build alike.
const load = createRequire(import.meta.url);
const generatedClientPath = path.join(
  path.dirname(load.resolve("@prisma/client/package.json")),
  "..",
  "..",
  ".prisma",
  "client-sqlite",
);

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
  const delegate = (db as unknown as Record<string, { deleteMany?: DeleteMany } | undefined>)[
    model[0].toLowerCase() + model.slice(1)
  ];
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
      throw new Error(`shop/redact could not delete ${blocked.map((b) => b.model).join(", ")} for ${shop}`, {
        cause: blocked[0]?.error,
      });
    }
    remaining = blocked.map((b) => b.model);
  }
  return deleted;
}

/** How long after an uninstall Shopify sends shop/redact (shopify.dev, privacy law compliance). */
export const SHOP_REDACT_DELAY_MS = 48 * 60 * 60 * 1000;

export type ShopRedactDecision =
  /** No Shop row, or the shop is uninstalled: the redaction applies. */
  | { redact: true; reason: "not-installed" }
  /** Marked installed, but not (re)installed since the uninstall: we missed that uninstall; the redaction applies. */
  | { redact: true; reason: "no-install-since-uninstall"; installedAt: Date; uninstalledAt: Date }
  /** Installed again after the uninstall this redaction follows: stale, nothing is deleted. */
  | { redact: false; reason: "reinstalled"; installedAt: Date; uninstalledAt: Date };

/**
 * Whether a shop/redact that Shopify triggered at `requestedAt` still applies. The uninstall it follows is the
 * latest app/uninstalled delivery recorded for the shop at or before `requestedAt`, among those received in the
 * 96 hours before it (deliveries are kept at least 3 days, RETENTION_WEBHOOK_EVENTS_DAYS; an older one is
 * about an earlier uninstall), else the moment 48 hours before `requestedAt`. The redaction is stale
 * only when the shop is installed now and its installedAt is later than that uninstall (the same comparison as
 * a stale app/uninstalled: a tie is not stale).
 */
export async function decideShopRedaction(
  shop: string,
  requestedAt: Date,
  db: DbClient = defaultDb,
): Promise<ShopRedactDecision> {
  if (Number.isNaN(requestedAt.getTime()))
    throw new Error(`decideShopRedaction: requestedAt for ${shop} is not a valid date.`);
  const row = await db.shop.findUnique({ where: { shop }, select: { installedAt: true, uninstalledAt: true } });
  if (!row || row.uninstalledAt !== null || row.installedAt === null) return { redact: true, reason: "not-installed" };
  const installedAt = row.installedAt;

  const uninstalls = await db.webhookEvent.findMany({
    where: {
      shop,
      topic: "APP_UNINSTALLED",
      receivedAt: { gte: new Date(requestedAt.getTime() - 2 * SHOP_REDACT_DELAY_MS) },
    },
    select: { triggeredAt: true, receivedAt: true },
    orderBy: { receivedAt: "desc" },
    take: 100,
  });
  const times = uninstalls
    .map((u) => (u.triggeredAt ?? u.receivedAt).getTime())
    .filter((t) => t <= requestedAt.getTime());
  const uninstalledAt = new Date(times.length > 0 ? Math.max(...times) : requestedAt.getTime() - SHOP_REDACT_DELAY_MS);
  return installedAt.getTime() > uninstalledAt.getTime()
    ? { redact: false, reason: "reinstalled", installedAt, uninstalledAt }
    : { redact: true, reason: "no-install-since-uninstall", installedAt, uninstalledAt };
}
