// One row per review in the Reviews list. Every load of the list renders its 50 rows on the server, so a row is
// lean: Polaris' IndexTable.Row and cells (selection, bulk actions, the row's click) around plain elements drawn
// with Polaris' tokens (review-rows.css), where Polaris' Text, Link, Stack and Badge components would cost about
// as much again as the rest of the page. The links are plain anchors; the list follows them inside the app
// (useInAppLinks). Each row is memoised: selecting a review re-renders its own row, not the page's fifty.
import { memo } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { IndexTable } from "@shopify/polaris";
import { productPath } from "~/components/ProductLink";
import {
  clampedStars,
  ratingStarsLabel,
  reviewStatusLabel,
  reviewStatusTone,
  VERIFIED_BUYER_LABEL,
} from "~/components/ReviewBadges";
import { shortenAtWord } from "~/modules/reviews";
import type { loader } from "../route";
import { ReviewThumbnailCell } from "./media-parts";

type Row = SerializeFrom<typeof loader>["rows"][number];

function Badge({ tone, children }: { tone: string | undefined; children: string }) {
  return <span className={tone ? `kr-row-badge kr-row-badge--${tone}` : "kr-row-badge"}>{children}</span>;
}

const ReviewRow = memo(function ReviewRow({
  row,
  position,
  selected,
}: {
  row: Row;
  position: number;
  selected: boolean;
}) {
  const stars = clampedStars(row.rating);
  const label = ratingStarsLabel(row.rating);
  return (
    // The checkbox names the review it selects ("Select review" on every row told a screen reader nothing), and a
    // given label spares Polaris a translation per row.
    <IndexTable.Row
      id={row.id}
      position={position}
      selected={selected}
      accessibilityLabel={`Select the review by ${row.displayName}, ${label}, ${row.createdAt}`}
    >
      <IndexTable.Cell>
        <span role="img" aria-label={label} title={label} className="kr-row-stars">
          <span aria-hidden="true" className="kr-row-stars__on">
            {"★".repeat(stars)}
          </span>
          <span aria-hidden="true" className="kr-row-stars__off">
            {"★".repeat(5 - stars)}
          </span>
        </span>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <ReviewThumbnailCell url={row.thumbnailUrl} count={row.mediaCount} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <div className="kr-row-review">
          {/* The row's primary link: a click anywhere on the row follows it (IndexTable). Without a title, the
              review's own words lead, whole words and an ellipsis, not in bold. */}
          <a
            href={`/app/reviews/${row.id}`}
            data-primary-link="true"
            data-discover="true"
            className={row.title ? "kr-row-link kr-row-title" : "kr-row-link"}
          >
            {row.title || shortenAtWord(row.excerpt, 80) || "Review"}
          </a>
          {row.title ? <span className="kr-row-note">{row.excerpt}</span> : null}
        </div>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <a href={productPath(row.productShopifyId)} data-discover="true" className="kr-row-product">
          {row.productTitle}
        </a>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <span className="kr-row-name">
          <span>{row.displayName}</span>
          {row.verifiedBuyer ? <Badge tone="info">{VERIFIED_BUYER_LABEL}</Badge> : null}
        </span>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <span className="kr-row-status">
          <Badge tone={reviewStatusTone(row.status)}>{reviewStatusLabel(row.status)}</Badge>
          {row.waiting ? <span className="kr-row-note">{`Waiting ${row.waiting}`}</span> : null}
        </span>
      </IndexTable.Cell>
      <IndexTable.Cell>{row.language}</IndexTable.Cell>
      <IndexTable.Cell>{row.createdAt}</IndexTable.Cell>
    </IndexTable.Row>
  );
});

export function ReviewRows({ rows, selected }: { rows: Row[]; selected: string[] }) {
  const chosen = new Set(selected);
  return (
    <>
      {rows.map((row, index) => (
        <ReviewRow key={row.id} row={row} position={index} selected={chosen.has(row.id)} />
      ))}
    </>
  );
}
