// Media: the photos and videos shoppers send with reviews. Intake (bytes sniffed, limits, metadata stripped,
// upright WebP in two sizes; video transcoded by a job), storage (local disk or an S3-compatible bucket),
// serving (published only, or signed for the merchant), and deletion for privacy.
export {
  MEDIA_LIMITS,
  MEDIA_UPLOAD_MAX_REQUEST_BYTES,
  MEDIA_REFUSALS,
  PHOTO_ACCEPT,
  VIDEO_ACCEPT,
  refusalLimit,
  type MediaRefusal,
} from "./limits";
export {
  receiveMediaForm,
  reviewUploadCap,
  isMultipart,
  UploadTooLargeError,
  makeMediaTempDir,
  type StagedUpload,
} from "./upload-receiver.server";
export { intakeReviewMedia, discardStoredMedia, sniffMediaFile, type StoredMedia } from "./intake.server";
export { addMediaFilesToReview, ReviewNotFoundForMediaError, type MediaFileForReview } from "./add-to-review.server";
export { attachReviewMedia, countReviewMedia, forgetReviewMedia, setReviewMediaHidden } from "./review-media.server";
export { serveMediaFile, merchantMediaUrl, publicMediaUrl } from "./serving.server";
export { deleteShopMediaFiles, exportReviewMedia } from "./privacy.server";
export { mediaJobs } from "./jobs.server";
export { provideReviewMediaReadyListener } from "./media-ready";
export { videoTools, videoToolsAvailable } from "./video.server";
export { decodeConcurrency } from "./decode-slots.server";
export { decodeHeic } from "./heic.server";
export { MEDIA_FILE_DELETION_JOB, MEDIA_TRANSCODE_JOB } from "./job-types";
export {
  mediaStorage,
  useMediaStorage,
  createLocalDiskStorage,
  createS3Storage,
  type MediaStorage,
} from "./storage/configured.server";
