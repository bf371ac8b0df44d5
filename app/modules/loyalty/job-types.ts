// The loyalty module's job types. Three are handed over by modules loyalty reads (orders, reviews): their names
// live there and are taken from their faces here, so each name is written once and nothing imports loyalty back.
import { LOYALTY_REFUND_JOB, LOYALTY_SIGNUP_JOB } from "../orders";
import { LOYALTY_REVIEW_CHANGED_JOB } from "../reviews";

export const LOYALTY_JOBS = {
  orderPaid: "loyalty.order-paid",
  refundCreated: LOYALTY_REFUND_JOB,
  customerCreated: LOYALTY_SIGNUP_JOB,
  reviewChanged: LOYALTY_REVIEW_CHANGED_JOB,
  matureCredit: "loyalty.mature-credit",
  finishRedemption: "loyalty.finish-redemption",
  mirrorBalance: "loyalty.mirror-balance",
  memberEmail: "loyalty.member-email",
  dailySweep: "loyalty.daily-sweep",
  shopSweep: "loyalty.shop-sweep",
} as const;
