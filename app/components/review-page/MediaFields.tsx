// A review card's photo and video fields: plain file inputs that a multipart form sends as they are (no
// JavaScript needed). /shopper/review-media.js, when it runs, adds previews, remove buttons, per-file progress
// and in-browser downscaling on top of them; it finds its way by the data-media-* attributes.
import { MEDIA_LIMITS, MEDIA_UPLOAD_MAX_REQUEST_BYTES, PHOTO_ACCEPT, VIDEO_ACCEPT } from "~/modules/media";
import { formatMessage, mediaFieldName, type ShopperMessages } from "~/modules/reviews";

const MB = 1024 * 1024;

export function MediaFields({
  index,
  productShopifyId,
  messages,
}: {
  index: number;
  productShopifyId: string;
  messages: ShopperMessages;
}) {
  const photosId = `p${index}-photos`;
  const videoId = `p${index}-video`;
  return (
    <div className="rp-media">
      <div className="rp-field">
        <label htmlFor={photosId}>{formatMessage(messages, "media.photos.label")}</label>
        <p id={`${photosId}-hint`} className="rp-hint">
          {formatMessage(messages, "media.photos.hint", {
            max: MEDIA_LIMITS.photosPerReview,
            mb: MEDIA_LIMITS.photoMaxBytes / MB,
          })}
        </p>
        <input
          type="file"
          id={photosId}
          name={mediaFieldName("photo", productShopifyId)}
          accept={PHOTO_ACCEPT}
          multiple
          aria-describedby={`${photosId}-hint`}
          data-media-input="photo"
          data-media-max={MEDIA_LIMITS.photosPerReview}
          data-media-bytes={MEDIA_LIMITS.photoMaxBytes}
        />
        <ul className="rp-previews" data-media-list={photosId} />
      </div>
      <div className="rp-field">
        <label htmlFor={videoId}>{formatMessage(messages, "media.video.label")}</label>
        <p id={`${videoId}-hint`} className="rp-hint">
          {formatMessage(messages, "media.video.hint", {
            seconds: MEDIA_LIMITS.videoMaxSeconds,
            mb: MEDIA_LIMITS.videoMaxBytes / MB,
          })}
        </p>
        <input
          type="file"
          id={videoId}
          name={mediaFieldName("video", productShopifyId)}
          accept={VIDEO_ACCEPT}
          aria-describedby={`${videoId}-hint`}
          data-media-input="video"
          data-media-max={MEDIA_LIMITS.videosPerReview}
          data-media-bytes={MEDIA_LIMITS.videoMaxBytes}
        />
        <ul className="rp-previews" data-media-list={videoId} />
      </div>
    </div>
  );
}

/** The words the enhancement script shows, handed to it on the form (it has no catalogue of its own). */
export function mediaScriptTexts(messages: ShopperMessages): string {
  // "{file}" stays a placeholder: the script fills in the name of the file it refuses.
  const file = "{file}";
  return JSON.stringify({
    remove: formatMessage(messages, "media.remove"),
    progress: formatMessage(messages, "media.progress"),
    preparing: formatMessage(messages, "media.preparing"),
    sending: formatMessage(messages, "media.sending"),
    tooManyPhotos: formatMessage(messages, "errors.media.too_many_photos", { max: MEDIA_LIMITS.photosPerReview }),
    tooManyVideos: formatMessage(messages, "errors.media.too_many_videos", { max: MEDIA_LIMITS.videosPerReview }),
    photoTooLarge: formatMessage(messages, "errors.media.photo_too_large", {
      file,
      max: MEDIA_LIMITS.photoMaxBytes / MB,
    }),
    videoTooLarge: formatMessage(messages, "errors.media.video_too_large", {
      file,
      max: MEDIA_LIMITS.videoMaxBytes / MB,
    }),
    uploadTooLarge: formatMessage(messages, "errors.form.upload_too_large", {
      max: Math.floor(MEDIA_UPLOAD_MAX_REQUEST_BYTES / MB),
    }),
  });
}

/** The most the whole form post may weigh, for the enhancement script's check before it sends. */
export function mediaRequestMaxBytes(): number {
  return MEDIA_UPLOAD_MAX_REQUEST_BYTES;
}
