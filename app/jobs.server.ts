// The composition root of background work: every module's job definitions, registered once, the Admin API
// access their context gives them (ctx.adminGraphql), and the loyalty figures the review-request email offers.
// The worker (scripts/worker.ts), the demo and the tests run jobs from this registry.
import { adminGraphqlForShop } from "./admin-auth.server";
import { provideJobAdminApi, type JobDefinition } from "./modules/jobs";
import { ordersJobs } from "./modules/orders";
import { privacyJobs } from "./modules/privacy";
import { shopsJobs } from "./modules/shops";
import { provideEmailPointsOffer, requestsJobs } from "./modules/requests";
import { insightsJobs } from "./modules/insights";
import { reviewMediaChanged, reviewsJobs } from "./modules/reviews";
import { jobsMaintenanceJobs } from "./modules/jobs";
import { vocJobs } from "./modules/voc";
import { loyaltyJobs, reviewPointsOffer } from "./modules/loyalty";
import { mediaJobs, provideReviewMediaReadyListener } from "./modules/media";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jobDefinitions: JobDefinition<any>[] = [
  // each module adds its own: ...ordersJobs, ...requestsJobs, ...complianceJobs, ...insightsJobs
  ...ordersJobs,
  ...privacyJobs,
  ...shopsJobs,
  ...requestsJobs,
  ...insightsJobs,
  ...reviewsJobs,
  ...loyaltyJobs,
  ...mediaJobs,
  ...jobsMaintenanceJobs,
  ...vocJobs,
];

provideJobAdminApi(adminGraphqlForShop);
// The review-request email offers the points a review earns; requests cannot import loyalty (loyalty builds on it).
provideEmailPointsOffer(reviewPointsOffer);
// A transcoded video joins its product's storefront figures; media cannot import reviews (reviews builds on it).
provideReviewMediaReadyListener(reviewMediaChanged);
