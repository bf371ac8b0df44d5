// The Reviews list's media pieces: the thumbnail cell (first photo, or the video's poster; drawn by review-rows.css)
// and the "with photos / with video" filter.
import { ChoiceList } from "@shopify/polaris";

export const MEDIA_FILTER_LABELS = { photos: "With photos", video: "With video" } as const;
export type MediaFilterValue = keyof typeof MEDIA_FILTER_LABELS;

export function ReviewThumbnailCell({ url, count }: { url: string | null; count: number }) {
  if (!url) return <span aria-hidden className="kr-row-thumb" />;
  return (
    <span className="kr-row-thumb">
      <img
        src={url}
        alt={`${count} ${count === 1 ? "photo or video" : "photos or videos"}`}
        width={40}
        height={40}
        loading="lazy"
      />
      {count > 1 ? <span className="kr-row-thumb__count">{`${count}`}</span> : null}
    </span>
  );
}

export function mediaFilter(selected: MediaFilterValue | null, onChange: (value: MediaFilterValue | null) => void) {
  return {
    key: "media",
    label: "Photos and video",
    shortcut: true,
    filter: (
      <ChoiceList
        title="Photos and video"
        titleHidden
        choices={(Object.keys(MEDIA_FILTER_LABELS) as MediaFilterValue[]).map((value) => ({
          label: MEDIA_FILTER_LABELS[value],
          value,
        }))}
        selected={selected ? [selected] : []}
        onChange={([value]) => onChange((value as MediaFilterValue | undefined) ?? null)}
      />
    ),
  };
}
