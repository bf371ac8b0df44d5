// The Reviews list's media pieces: the thumbnail cell (first photo, or the video's poster) and the
// "with photos / with video" filter.
import { ChoiceList, Text } from "@shopify/polaris";

export const MEDIA_FILTER_LABELS = { photos: "With photos", video: "With video" } as const;
export type MediaFilterValue = keyof typeof MEDIA_FILTER_LABELS;

export function ReviewThumbnailCell({ url, count }: { url: string | null; count: number }) {
  if (!url) return <span aria-hidden style={{ display: "inline-block", width: 40, height: 40 }} />;
  return (
    <span style={{ position: "relative", display: "inline-block" }}>
      <img
        src={url}
        alt={`${count} ${count === 1 ? "photo or video" : "photos or videos"}`}
        width={40}
        height={40}
        loading="lazy"
        style={{ objectFit: "cover", borderRadius: 6, display: "block" }}
      />
      {count > 1 ? (
        <span
          style={{
            position: "absolute",
            right: -6,
            bottom: -6,
            background: "#fff",
            borderRadius: 10,
            padding: "0 5px",
            boxShadow: "0 0 0 1px #ccc",
          }}
        >
          <Text as="span" variant="bodyXs">{`${count}`}</Text>
        </span>
      ) : null}
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
