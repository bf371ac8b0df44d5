// What the pipeline hands the engine for a review, and how stored evidence offsets map back onto it.
// Pure: the screens use it to highlight evidence exactly where the engine found it.

export interface ReviewTextParts {
  title: string | null;
  body: string;
}

export interface AnalysedReviewText {
  text: string;
  /** Where the body starts in `text` (0 without a title). */
  bodyOffset: number;
  titleLength: number;
}

/**
 * The title and the body as one text. The title is closed as a sentence of its own, so "Runs small" in the
 * title and "but lovely colour" opening the body are never read as one clause.
 */
export function reviewTextForAnalysis(review: ReviewTextParts): AnalysedReviewText {
  const title = review.title?.trim() ?? "";
  if (title === "") return { text: review.body, bodyOffset: 0, titleLength: 0 };
  const separator = /[.!?…]$/u.test(title) ? " " : ". ";
  return {
    text: `${title}${separator}${review.body}`,
    bodyOffset: title.length + separator.length,
    titleLength: title.length,
  };
}

export interface TextSegment {
  text: string;
  marked: boolean;
}

export interface HighlightedReview {
  title: TextSegment[];
  body: TextSegment[];
}

const SNIPPET_CONTEXT_BEFORE = 140;
const SNIPPET_CONTEXT_AFTER = 220;

/**
 * The review split into plain and marked pieces around the evidence. Offsets are trusted only when they
 * still point at the evidence (the text may have been edited since the analysis); otherwise the evidence is
 * looked up in the text, and without a match nothing is marked. Long bodies are cut to a window around it.
 */
export function highlightEvidence(
  review: ReviewTextParts,
  evidence: { text: string; start: number; end: number },
  options: { maxBodyLength?: number } = {},
): HighlightedReview {
  const { text, bodyOffset, titleLength } = reviewTextForAnalysis(review);
  let start = evidence.start;
  let end = evidence.end;
  if (!(end > start && text.slice(start, end) === evidence.text)) {
    const found = evidence.text === "" ? -1 : text.toLowerCase().indexOf(evidence.text.toLowerCase());
    start = found;
    end = found < 0 ? -1 : found + evidence.text.length;
  }
  const title = review.title?.trim() ?? "";
  const inTitle = start >= 0 && end <= titleLength;
  const inBody = start >= bodyOffset;
  const titleSegments = title === "" ? [] : inTitle ? splitAt(title, start, end) : [{ text: title, marked: false }];
  const bodyStart = inBody ? start - bodyOffset : -1;
  const bodyEnd = inBody ? end - bodyOffset : -1;
  return { title: titleSegments, body: windowed(review.body, bodyStart, bodyEnd, options.maxBodyLength ?? 420) };
}

function splitAt(text: string, start: number, end: number): TextSegment[] {
  return [
    { text: text.slice(0, start), marked: false },
    { text: text.slice(start, end), marked: true },
    { text: text.slice(end), marked: false },
  ].filter((segment) => segment.text !== "");
}

function windowed(body: string, start: number, end: number, maxLength: number): TextSegment[] {
  if (body.length <= maxLength) return start >= 0 ? splitAt(body, start, end) : [{ text: body, marked: false }];
  const from = start >= 0 ? Math.max(0, start - SNIPPET_CONTEXT_BEFORE) : 0;
  const to = start >= 0 ? Math.min(body.length, Math.max(end + SNIPPET_CONTEXT_AFTER, from + maxLength)) : maxLength;
  const cutFrom = from === 0 ? 0 : Math.min(wordBoundaryAfter(body, from), start >= 0 ? start : body.length);
  const cutTo = to >= body.length ? body.length : wordBoundaryBefore(body, to, end);
  const segments =
    start >= 0
      ? splitAt(body.slice(cutFrom, cutTo), start - cutFrom, end - cutFrom)
      : [{ text: body.slice(cutFrom, cutTo), marked: false }];
  if (cutFrom > 0) segments.unshift({ text: "… ", marked: false });
  if (cutTo < body.length) segments.push({ text: " …", marked: false });
  return segments;
}

function wordBoundaryAfter(text: string, index: number): number {
  const space = text.indexOf(" ", index);
  return space < 0 ? index : space + 1;
}

function wordBoundaryBefore(text: string, index: number, notBefore: number): number {
  const space = text.lastIndexOf(" ", index);
  return space <= notBefore ? index : space;
}
