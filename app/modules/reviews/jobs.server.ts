// Every background job the reviews module runs, for the composition root (app/jobs.server.ts).
import { ratingMetafieldJobs } from "./rating-metafields.server";
import { sendReplyEmailJob } from "./reply-email.server";

export const reviewsJobs = [...ratingMetafieldJobs, sendReplyEmailJob];
