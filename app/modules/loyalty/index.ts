// Loyalty: one append-only points ledger per member (available and pending kept apart), earning rules (orders,
// reviews, sign-up, birthday), redemption into single-use Shopify discount codes, VIP tiers, expiry with member
// emails, the balance mirror to customer metafields, and the balance import. Routes and other modules use
// only what is exported here.
export { loyaltyJobs } from "./jobs.server";
export { LOYALTY_JOBS } from "./job-types";
export {
  DEFAULT_PROGRAM,
  LoyaltyProgramSchema,
  MAX_TIERS,
  TIER_BASES,
  TIER_WINDOWS,
  BASE_TIER,
  EXPIRY_WARNING_DAYS,
  EXPIRY_LAST_CHANCE_DAYS,
  eligibleOrderCents,
  pointsForAmount,
  pointsToReverse,
  tierFor,
  type LoyaltyProgram,
  type LoyaltyTier,
  type TierBasis,
  type TierWindow,
} from "./program";
export { getLoyaltyProgram, saveLoyaltyProgram, reviewPointsOffer, type SaveProgramResult } from "./program.server";
export {
  ensureAccount,
  checkLedger,
  ledgerTotals,
  withLockedAccount,
  postEntries,
  InsufficientPointsError,
  ENTRY_KINDS,
  type EntryInput,
  type LedgerCheck,
} from "./ledger.server";
export {
  creditPaidOrder,
  reverseOrderRefund,
  matureCredit,
  reconcileReviewCredit,
  creditSignup,
  creditBirthday,
  setMemberBirthday,
  adjustPoints,
  isBirthdayToday,
  type EarnOutcome,
  type PaidOrder,
  type ReviewCreditFacts,
  type AdjustResult,
} from "./earning.server";
export { redeemReward, finishRedemption, codeForRedemption, type RedeemResult } from "./redemption.server";
export {
  listRewards,
  rewardsForAdmin,
  findReward,
  saveReward,
  setRewardActive,
  describeReward,
  REWARD_KINDS,
  type LoyaltyReward,
  type RewardKind,
  type SaveRewardResult,
} from "./rewards.server";
export {
  listMembers,
  loadMember,
  programFigures,
  MEMBER_SORTS,
  type MemberSort,
  type MemberRow,
  type MemberPage,
  type MemberDetail,
  type ProgramFigures,
} from "./members.server";
export { memberPanel, type MemberPanel } from "./storefront.server";
export {
  importBalances,
  detectLayout,
  MAX_IMPORT_ROWS,
  type ImportReport,
  type ImportResult,
} from "./balance-import.server";
export { sweepShop, type SweepSummary } from "./sweeps.server";
export { sendMemberEmail } from "./member-emails.server";
