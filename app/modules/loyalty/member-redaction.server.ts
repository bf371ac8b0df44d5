// customers/redact, for the loyalty programme. The ledger is append-only, and it is also the shop's books:
// what was issued, redeemed and is still owed must add up after a member is erased. So a redacted member's
// account and entries are anonymised, never deleted: the account forgets who it belonged to (its Shopify
// customer id becomes "redacted:<account id>", its birthday goes) and the entries lose the merchant's free-text
// notes (a manual adjustment's reason can name the person); every amount, and so balance == sum(entries),
// stays. No key on the ledger carries the customer's id (sign-up credits are keyed by the account), and an
// account that is redacted earns nothing more, gets no email and is not mirrored to Shopify.
import db, { type DbClient } from "../../db.server";

export const REDACTED_MEMBER_PREFIX = "redacted:";

export interface MemberRedaction {
  accounts: number;
  entriesAnonymised: number;
}

/** Anonymises these accounts of `shop` (the caller's transaction: the privacy module's customer redaction). */
export async function anonymiseMembers(
  client: DbClient,
  shop: string,
  accountIds: readonly string[],
  now: Date = new Date(),
): Promise<MemberRedaction> {
  let accounts = 0;
  for (const id of accountIds) {
    const updated = await client.loyaltyAccount.updateMany({
      where: { shop, id },
      data: {
        customerId: `${REDACTED_MEMBER_PREFIX}${id}`,
        birthday: null,
        birthdaySetAt: null,
        redactedAt: now,
        version: { increment: 1 },
      },
    });
    accounts += updated.count;
  }
  const entries = await client.loyaltyEntry.updateMany({
    where: { shop, accountId: { in: [...accountIds] }, note: { not: null }, kind: "adjust" },
    data: { note: null },
  });
  return { accounts, entriesAnonymised: entries.count };
}

/** Whether the shop's customer with this Shopify id was redacted: nothing is credited to them again. */
export async function isRedactedCustomer(shop: string, customerShopifyId: string): Promise<boolean> {
  const row = await db.customer.findFirst({
    where: { shop, shopifyId: customerShopifyId, redactedAt: { not: null } },
    select: { id: true },
  });
  return row !== null;
}
