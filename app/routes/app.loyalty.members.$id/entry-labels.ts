// A ledger entry in the merchant's words: what it was for, what happened to the points, and the note it carries.
const REASONS: Record<string, string> = {
  order: "Order",
  review: "Review",
  photo_review: "Photo or video bonus",
  signup: "Account created",
  birthday: "Birthday",
  redemption: "Reward",
  expiry: "Points expired",
  adjustment: "Manual adjustment",
  import: "Opening balance (import)",
  tier: "Tier change",
};
const KINDS: Record<string, string> = {
  mature: "now available",
  reverse: "taken back",
  compensate: "refunded: the code could not be made",
};

export function entryDescription(entry: { kind: string; reason: string; note: string | null }): string {
  const base = REASONS[entry.reason] ?? entry.reason;
  const kind = KINDS[entry.kind];
  return [kind ? `${base}, ${kind}` : base, entry.note].filter(Boolean).join(" — ");
}
