// A review card's photo and video fields: plain file inputs that a multipart form sends as they are (no
// JavaScript needed). app/shopper/review-media.js, when it runs, adds previews, remove buttons, per-file progress
// and in-browser downscaling on top of them; it finds its way by the data-media-* attributes.
import { MEDIA_LIMITS, MEDIA_UPLOAD_MAX_REQUEST_BYTES, PHOTO_ACCEPT, VIDEO_ACCEPT } from "~/modules/media";
import { formatMessage, mediaFieldName, type ShopperMessages } from "~/modules/reviews";

const MB = 1024 * 1024;

/** One file input with its label, its limits in words and the list the script fills with previews. */
function MediaField(props: {
  id: string;
  kind: "photo" | "video";
  label: string;
  hint: string;
  name: string;
  accept: string;
  max: number;
  maxBytes: number;
}) {
  const { id, kind } = props;
  return (
    <div className="rp-field">
      <label htmlFor={id}>{props.label}</label>
      <p id={`${id}-hint`} className="rp-hint">
        {props.hint}
      </p>
      <input
        type="file"
        id={id}
        name={props.name}
        accept={props.accept}
        multiple={props.max > 1}
        aria-describedby={`${id}-hint`}
        data-media-input={kind}
        data-media-max={props.max}
        data-media-bytes={props.maxBytes}
      />
      <ul className="rp-previews" data-media-list={id} />
    </div>
  );
}

export function MediaFields({
  index,
  productShopifyId,
  messages,
}: {
  index: number;
  productShopifyId: string;
  messages: ShopperMessages;
}) {
  return (
    <div className="rp-media">
      <MediaField
        id={`p${index}-photos`}
        kind="photo"
        label={formatMessage(messages, "media.photos.label")}
        hint={formatMessage(messages, "media.photos.hint", {
          max: MEDIA_LIMITS.photosPerReview,
          mb: MEDIA_LIMITS.photoMaxBytes / MB,
        })}
        name={mediaFieldName("photo", productShopifyId)}
        accept={PHOTO_ACCEPT}
        max={MEDIA_LIMITS.photosPerReview}
        maxBytes={MEDIA_LIMITS.photoMaxBytes}
      />
      <MediaField
        id={`p${index}-video`}
        kind="video"
        label={formatMessage(messages, "media.video.label")}
        hint={formatMessage(messages, "media.video.hint", {
          seconds: MEDIA_LIMITS.videoMaxSeconds,
          mb: MEDIA_LIMITS.videoMaxBytes / MB,
        })}
        name={mediaFieldName("video", productShopifyId)}
        accept={VIDEO_ACCEPT}
        max={MEDIA_LIMITS.videosPerReview}
        maxBytes={MEDIA_LIMITS.videoMaxBytes}
      />
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
