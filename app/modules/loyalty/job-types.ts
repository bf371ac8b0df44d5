// The loyalty module's job types, named once here (its jobs file defines them; its other files enqueue them).
export const LOYALTY_JOBS = {
  orderPaid: "loyalty.order-paid",
  /** Named by the orders module (LOYALTY_REFUND_JOB there); tests/loyalty check the two agree. */
  refundCreated: "loyalty.refund-created",
  /** Named by the orders module for customers/create. */
  customerCreated: "loyalty.customer-created",
  /** Named by the reviews module (LOYALTY_REVIEW_CHANGED_JOB there) after a review is saved or moderated. */
  reviewChanged: "loyalty.review-changed",
  matureCredit: "loyalty.mature-credit",
  finishRedemption: "loyalty.finish-redemption",
  mirrorBalance: "loyalty.mirror-balance",
  memberEmail: "loyalty.member-email",
  dailySweep: "loyalty.daily-sweep",
  shopSweep: "loyalty.shop-sweep",
  importBalances: "loyalty.import-balances",
} as const;
