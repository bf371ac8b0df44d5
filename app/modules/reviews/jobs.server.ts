// Every background job the reviews module runs, for the composition root (app/jobs.server.ts).
import { fetchImportedPhotosJob } from "./import/photo-fetch.server";
import { importReviewsJob } from "./import/import-run.server";
import { ratingMetafieldJobs } from "./rating-metafields.server";
import { sendReplyEmailJob } from "./reply-email.server";

export const reviewsJobs = [...ratingMetafieldJobs, sendReplyEmailJob, importReviewsJob, fetchImportedPhotosJob];
