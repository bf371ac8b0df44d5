// Loyalty: one append-only points ledger per member (available and pending kept apart), earning rules (orders,
// reviews, sign-up, birthday), redemption into single-use Shopify discount codes, VIP tiers, expiry with member
// emails, the balance mirror to customer metafields, and the balance import. Routes and other modules use
// only what is exported here.
export { loyaltyJobs } from "./jobs.server";
export { LOYALTY_JOBS } from "./job-types";
export { DEFAULT_PROGRAM, MAX_TIERS, type LoyaltyProgram } from "./program";
export { getLoyaltyProgram, saveLoyaltyProgram } from "./program.server";
export { reviewPointsOffer, pointsForSubmittedReviews } from "./review-offer.server";
export { ensureAccount, checkLedger, ledgerTotals } from "./ledger.server";
export {
  creditPaidOrder,
  reverseOrderRefund,
  matureCredit,
  reconcileReviewCredit,
  creditBirthday,
  setMemberBirthday,
  adjustPoints,
} from "./earning.server";
export { redeemReward, finishRedemption, type RedeemResult } from "./redemption.server";
export { rewardsForAdmin, saveReward, setRewardActive } from "./rewards.server";
export {
  listMembers,
  loadMember,
  programFigures,
  recountRepeatFigures,
  MEMBER_SORTS,
  type ProgramFigures,
} from "./members.server";
export { memberPanel } from "./storefront.server";
export { importBalances, MAX_IMPORT_ROWS } from "./balance-import.server";
export { sweepShop } from "./sweeps.server";
export { anonymiseMembers } from "./member-redaction.server";
