// A review's words shortened for a list: whole words only, with an ellipsis when something was left out.
// Pure, for the browser bundle too.
export function shortenAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(" ");
  // A single long word (a URL, a run of letters) is cut where it must be.
  const wordEnd = lastSpace > max * 0.5 ? lastSpace : max - 1;
  return `${cut.slice(0, wordEnd).replace(/[\s,;:.!?–-]+$/u, "")}…`;
}
