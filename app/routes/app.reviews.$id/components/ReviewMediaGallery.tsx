// The photos and video of one review on the merchant's detail screen: thumbnails that open a lightbox
// (arrow keys and Escape, swipe on a touch screen), and per item "Hide from the storefront" / "Show again"
// without touching the review itself. URLs are signed for the merchant, so unpublished media shows here too.
import { useCallback, useEffect, useRef, useState, type TouchEvent } from "react";
import { createPortal } from "react-dom";
import { Form, useNavigation } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { ShopReviewMedia } from "~/modules/reviews";

type GalleryItem = Omit<ShopReviewMedia, "bytes">;

const SWIPE_PX = 40;

function label(item: GalleryItem, index: number): string {
  return item.kind === "video" ? "Video" : `Photo ${index + 1}`;
}

export function ReviewMediaGallery({ media }: { media: GalleryItem[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const navigation = useNavigation();
  const busyId = navigation.state !== "idle" ? navigation.formData?.get("mediaId") : null;
  const viewable = media.filter((item) => item.url);
  const photos = media.filter((item) => item.kind === "photo").length;
  const videos = media.length - photos;
  const title = [photos ? `Photos (${photos})` : null, videos ? `Video (${videos})` : null].filter(Boolean).join(" · ");

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        <div className="kr-gallery" style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
          {media.map((item, index) => (
            <div key={item.id} style={{ width: 132 }}>
              <BlockStack gap="100">
                {item.thumbnailUrl ? (
                  <button
                    type="button"
                    onClick={() => setOpen(viewable.indexOf(item))}
                    aria-label={`Open ${label(item, index).toLowerCase()}`}
                    style={{ padding: 0, border: 0, background: "none", cursor: "zoom-in", position: "relative" }}
                  >
                    <img
                      src={item.thumbnailUrl}
                      alt=""
                      width={132}
                      height={132}
                      style={{ objectFit: "cover", borderRadius: 8, opacity: item.hidden ? 0.45 : 1, display: "block" }}
                    />
                    {item.kind === "video" ? (
                      <span
                        aria-hidden
                        style={{
                          position: "absolute",
                          inset: 0,
                          display: "grid",
                          placeItems: "center",
                          color: "#fff",
                          fontSize: 36,
                          textShadow: "0 0 6px #000",
                        }}
                      >
                        ▶
                      </span>
                    ) : null}
                  </button>
                ) : (
                  <div
                    style={{
                      width: 132,
                      height: 132,
                      borderRadius: 8,
                      background: "#f1f1f1",
                      display: "grid",
                      placeItems: "center",
                      textAlign: "center",
                      padding: 8,
                    }}
                  >
                    <Text as="span" tone="subdued" variant="bodySm">
                      {item.status === "processing" ? "Video is being prepared…" : "The video could not be used."}
                    </Text>
                  </div>
                )}
                <InlineStack gap="100" blockAlign="center">
                  <Text as="span" variant="bodySm">
                    {label(item, index)}
                  </Text>
                  {item.hidden ? <Badge tone="warning">Hidden</Badge> : null}
                </InlineStack>
                <Form method="post">
                  <input type="hidden" name="intent" value={item.hidden ? "show-media" : "hide-media"} />
                  <input type="hidden" name="mediaId" value={item.id} />
                  <Button submit variant="plain" loading={busyId === item.id}>
                    {item.hidden ? "Show again" : "Hide from storefront"}
                  </Button>
                </Form>
              </BlockStack>
            </div>
          ))}
        </div>
      </BlockStack>
      {open !== null && viewable[open] ? (
        <Lightbox items={viewable} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      ) : null}
    </Card>
  );
}

function Lightbox(props: {
  items: GalleryItem[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const { items, index, onIndex, onClose } = props;
  const item = items[index];
  const closeRef = useRef<HTMLButtonElement>(null);
  const touchStart = useRef<{ x: number; y: number } | null>(null);
  const go = useCallback(
    (step: number) => onIndex((index + step + items.length) % items.length),
    [index, items.length, onIndex],
  );

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
      else if (event.key === "ArrowRight") go(1);
      else if (event.key === "ArrowLeft") go(-1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, onClose]);

  // One finger moved mostly sideways: the next or previous item. Two fingers (zooming) or a mostly vertical move
  // (scrolling a tall photo) is left to the browser.
  const onTouchStart = (event: TouchEvent) => {
    const touch = event.touches[0];
    touchStart.current = event.touches.length === 1 ? { x: touch.clientX, y: touch.clientY } : null;
  };
  const onTouchEnd = (event: TouchEvent) => {
    const start = touchStart.current;
    touchStart.current = null;
    if (start === null || event.touches.length > 0) return;
    const dx = event.changedTouches[0].clientX - start.x;
    const dy = event.changedTouches[0].clientY - start.y;
    if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > 1.5 * Math.abs(dy)) go(dx < 0 ? 1 : -1);
  };
  const control = {
    background: "rgba(255,255,255,.15)",
    color: "#fff",
    border: 0,
    borderRadius: 8,
    fontSize: 22,
    minWidth: 48,
    minHeight: 48,
    cursor: "pointer",
  } as const;

  // On document.body: inside the card, the cards that follow would paint over it (their own stacking contexts).
  return createPortal(
    <div
      role="dialog"
      aria-modal="true"
      aria-label={`${item.kind === "video" ? "Video" : "Photo"} ${index + 1} of ${items.length}`}
      className="kr-lightbox"
      onClick={(event) => event.target === event.currentTarget && onClose()}
      onTouchStart={onTouchStart}
      onTouchEnd={onTouchEnd}
      onTouchCancel={() => (touchStart.current = null)}
      style={{
        position: "fixed",
        inset: 0,
        zIndex: 10000,
        background: "rgba(0,0,0,.88)",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        gap: 8,
        padding: 16,
      }}
    >
      {items.length > 1 ? (
        <button type="button" aria-label="Previous" onClick={() => go(-1)} style={control}>
          ‹
        </button>
      ) : null}
      <figure style={{ margin: 0, maxWidth: "min(92vw, 1600px)", maxHeight: "88vh", textAlign: "center" }}>
        {item.kind === "video" ? (
          <video
            key={item.id}
            src={item.url ?? undefined}
            poster={item.posterUrl ?? undefined}
            controls
            playsInline
            style={{ maxWidth: "100%", maxHeight: "82vh" }}
          />
        ) : (
          <img
            key={item.id}
            src={item.url ?? undefined}
            alt={`Photo ${index + 1}`}
            style={{ maxWidth: "100%", maxHeight: "82vh", objectFit: "contain" }}
          />
        )}
        <figcaption style={{ color: "#fff", marginTop: 8 }}>
          {`${index + 1} / ${items.length}`}
          {item.hidden ? " · hidden from the storefront" : ""}
        </figcaption>
      </figure>
      {items.length > 1 ? (
        <button type="button" aria-label="Next" onClick={() => go(1)} style={control}>
          ›
        </button>
      ) : null}
      <button
        ref={closeRef}
        type="button"
        aria-label="Close"
        onClick={onClose}
        style={{ ...control, position: "absolute", top: 12, right: 12 }}
      >
        ×
      </button>
    </div>,
    document.body,
  );
}
