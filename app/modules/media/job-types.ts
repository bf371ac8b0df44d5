// The media module's job names, defined once here (the privacy and reviews modules queue them).
/** Deletes stored files by key; queued in the same transaction that deletes their rows. */
export const MEDIA_FILE_DELETION_JOB = "media.delete-stored-files";
/** Transcodes one uploaded video into the stored MP4 and poster. */
export const MEDIA_TRANSCODE_JOB = "media.transcode-video";
