// Emails to members (tier changes, points about to expire, a reward code about to lapse), sent through the
// requests module's at-most-once path: one EmailMessage per idempotency key, never sent twice. Nothing goes
// out for an uninstalled shop, a customer without an address, or one who opted out of the shop's emails.
import { z } from "zod";
import db from "../../db.server";
import { sendEmailOnce, senderAddress, smtpTransportFromEnv, type MailTransport, type SendOutcome } from "../requests";
import { memberEmailCopy, type MemberEmailKind } from "./member-email-copy";
import { requireInstalledShop } from "../shops";

export const MEMBER_EMAIL_KINDS = [
  "tier_up",
  "tier_down",
  "expiry_warning",
  "expiry_last_chance",
  "code_expiring",
] as const;

export const MemberEmailJobSchema = z.object({
  shop: z.string().min(1),
  accountId: z.string().min(1),
  kind: z.enum(MEMBER_EMAIL_KINDS),
  /** Makes the email's idempotency key: one email per tier change, per expiry date, per code. */
  key: z.string().min(1).max(200),
  tierName: z.string().max(40).optional(),
  redemptionId: z.string().optional(),
  /** The points that will expire and when (expiry emails). */
  points: z.number().int().optional(),
  expiresAt: z.string().optional(),
});
export type MemberEmailJob = z.infer<typeof MemberEmailJobSchema>;

export type MemberEmailOutcome = SendOutcome | { status: "skipped"; reason: string };

export async function sendMemberEmail(
  job: MemberEmailJob,
  options: { now?: Date; transport?: MailTransport } = {},
): Promise<MemberEmailOutcome> {
  const now = options.now ?? new Date();
  const { shop } = job;
  // Asked when the email is about to go, not when it was queued: an uninstall can land in between. The job is
  // then cancelled, and a reinstall resumes it (an expiry email whose date has passed is skipped then).
  await requireInstalledShop(shop);
  if (job.expiresAt && new Date(job.expiresAt) <= now) return { status: "skipped", reason: "date passed" };
  const account = await db.loyaltyAccount.findFirst({
    where: { shop, id: job.accountId },
    select: { customerId: true, availablePoints: true, tier: true, redactedAt: true },
  });
  if (!account) return { status: "skipped", reason: "no such member" };
  if (account.redactedAt) return { status: "skipped", reason: "member redacted" };
  const customer = await db.customer.findFirst({
    where: { shop, shopifyId: account.customerId, redactedAt: null },
    select: { email: true, firstName: true, locale: true, optedOutAt: true },
  });
  if (!customer?.email) return { status: "skipped", reason: "no email address" };
  if (customer.optedOutAt) return { status: "skipped", reason: "opted out" };
  const suppressed = await db.emailSuppression.findUnique({
    where: { shop_email: { shop, email: customer.email.trim().toLowerCase() } },
  });
  if (suppressed) return { status: "skipped", reason: "suppressed address" };
  const brand = await db.shop.findUnique({ where: { shop }, select: { name: true, email: true, currency: true } });

  let code: { code: string; endsAt: Date | null } | null = null;
  if (job.kind === "code_expiring") {
    const redemption = await db.redemption.findFirst({
      where: { shop, id: job.redemptionId ?? "", status: "issued" },
      select: { discountCode: true, endsAt: true },
    });
    if (!redemption?.discountCode) return { status: "skipped", reason: "code not issued" };
    if (redemption.endsAt && redemption.endsAt <= now) return { status: "skipped", reason: "date passed" };
    code = { code: redemption.discountCode, endsAt: redemption.endsAt };
  }
  const content = memberEmailCopy(job.kind as MemberEmailKind, {
    locale: customer.locale,
    shopName: brand?.name ?? shop,
    firstName: customer.firstName,
    balance: account.availablePoints,
    tierName: job.tierName ?? account.tier,
    points: job.points ?? account.availablePoints,
    expiresAt: job.expiresAt ? new Date(job.expiresAt) : (code?.endsAt ?? null),
    code: code?.code ?? null,
  });
  return sendEmailOnce({
    shop,
    requestId: null,
    kind: `loyalty_${job.kind}`,
    idempotencyKey: `loyalty:${job.kind}:${job.accountId}:${job.key}`,
    email: {
      from: { name: brand?.name ?? shop, address: senderAddress() },
      to: customer.email,
      replyTo: brand?.email ?? null,
      subject: content.subject,
      html: content.html,
      text: content.text,
      headers: { "X-Kundrost-Shop": shop },
    },
    now,
    transport: options.transport ?? smtpTransportFromEnv(),
  });
}
