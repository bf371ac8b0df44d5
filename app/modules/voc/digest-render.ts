// The weekly digest as an email (HTML and plain text) and as the admin's printable page (the same HTML body), in
// the digest's language. Everything from reviews and answers is escaped: quotes are shoppers' words.
import { fillPlaceholders, type ShopperLanguage } from "../shopper-language";
import { escapeHtml } from "../requests";
import type { TextSegment } from "../insights";
import type { DigestContent } from "./digest-content.server";
import en from "./digest-locales/en.json";
import sv from "./digest-locales/sv.json";

export type DigestWords = typeof en;
const catalogues = { en, sv } satisfies Record<ShopperLanguage, DigestWords>;

export function digestWords(locale: ShopperLanguage): DigestWords {
  return catalogues[locale];
}

export interface RenderedDigest {
  subject: string;
  /** The whole HTML document (the email). */
  html: string;
  /** The body alone, for the admin's printable page. */
  bodyHtml: string;
  text: string;
}

export interface DigestLinks {
  insights: string;
  /** null on a preview or the admin's page: nobody to unsubscribe. */
  unsubscribe: string | null;
}

function formatDay(iso: string, locale: ShopperLanguage): string {
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${iso}T00:00:00Z`));
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const signed = (value: number) => (value > 0 ? `+${value}` : value === 0 ? "±0" : `${value}`);

function quoteText(segments: TextSegment[], html: boolean): string {
  return segments
    .map((segment) =>
      html
        ? segment.marked
          ? `<strong>${escapeHtml(segment.text)}</strong>`
          : escapeHtml(segment.text)
        : segment.text,
    )
    .join("");
}

interface Block {
  title: string;
  /** Lines of plain text, each with its HTML form. */
  items: Array<{ text: string; html: string; quotes?: Array<{ text: string; html: string }> }>;
}

function blocks(content: DigestContent, w: DigestWords): Block[] {
  const say = (text: string, values: Record<string, string | number> = {}) => fillPlaceholders(text, values);
  const risesBlock: Block = {
    title: w["rises.title"],
    items:
      content.rises.length === 0
        ? [{ text: w["rises.none"], html: escapeHtml(w["rises.none"]) }]
        : content.rises.map((rise) => {
            const line = say(w["rises.item"], {
              topic: rise.topicLabel,
              product: rise.productTitle ?? rise.productShopifyId,
              negative: rise.lastWeek.negative,
              mentions: rise.lastWeek.mentions,
              share: percent(rise.lastWeek.negativeShare),
              before: rise.before.negativeShare === null ? w["rises.beforeNone"] : percent(rise.before.negativeShare),
            });
            return {
              text: line,
              html: escapeHtml(line),
              quotes: rise.quotes.map((quote) => {
                const parts = [
                  ...quote.title,
                  ...(quote.title.length ? [{ text: " — ", marked: false }] : []),
                  ...quote.body,
                ];
                return { text: quoteText(parts, false), html: quoteText(parts, true) };
              }),
            };
          }),
  };
  const waiting = [
    say(w["waiting.pending"], { count: content.awaiting.pending }),
    say(w["waiting.followUps"], { count: content.awaiting.followUps, days: content.awaiting.followUpDays }),
  ];
  const { current, change } = content.scores;
  const scoreLines: string[] = [];
  const changeText = (value: number | null) =>
    value === null ? w["scores.noChange"] : say(w["scores.points"], { value: signed(value) });
  if (current.nps.score === null) scoreLines.push(w["scores.npsNone"]);
  else {
    scoreLines.push(
      say(w["scores.nps"], {
        score: signed(current.nps.score),
        answers: current.nps.answers,
        change: changeText(change.nps),
      }),
    );
    if (current.nps.range)
      scoreLines.push(
        say(w["scores.npsRange"], { low: signed(current.nps.range.low), high: signed(current.nps.range.high) }),
      );
  }
  scoreLines.push(
    current.csat.share === null
      ? w["scores.csatNone"]
      : say(w["scores.csat"], {
          share: percent(current.csat.share),
          reviews: current.csat.reviews,
          change: changeText(change.csat),
        }),
  );
  const quotes: Block = {
    title: w["quotes.title"],
    items:
      content.quotes.length === 0
        ? [{ text: w["quotes.none"], html: escapeHtml(w["quotes.none"]) }]
        : content.quotes.map((quote) => {
            const line = `${"★".repeat(quote.rating)} ${quote.productTitle ?? ""}: “${quote.title ? `${quote.title} — ` : ""}${quote.text}”`;
            return { text: line, html: escapeHtml(line) };
          }),
  };
  return [
    risesBlock,
    { title: w["waiting.title"], items: waiting.map((line) => ({ text: line, html: escapeHtml(line) })) },
    { title: w["scores.title"], items: scoreLines.map((line) => ({ text: line, html: escapeHtml(line) })) },
    quotes,
  ];
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";

export function renderDigest(content: DigestContent, links: DigestLinks): RenderedDigest {
  const w = digestWords(content.locale);
  const from = formatDay(content.covered.from, content.locale);
  const to = formatDay(content.covered.to, content.locale);
  const subject = fillPlaceholders(w.subject, { shop: content.shopName, from });
  const covered = fillPlaceholders(w.covered, { from, to, zone: content.zone });
  const footer = links.unsubscribe
    ? fillPlaceholders(w.footer, { shop: content.shopName, unsubscribe: links.unsubscribe })
    : fillPlaceholders(w.footerPreview, { shop: content.shopName });
  const sections = blocks(content, w);

  const bodyHtml = [
    `<div class="kr-digest" style="${FONT}color:#202223;max-width:640px;">`,
    `<h1 style="${FONT}font-size:22px;margin:0 0 4px 0;">${escapeHtml(w.heading)}</h1>`,
    `<p style="${FONT}font-size:14px;color:#616161;margin:0 0 16px 0;">${escapeHtml(content.shopName)} · ${escapeHtml(covered)}</p>`,
    ...sections.map(
      (section) =>
        `<h2 style="${FONT}font-size:17px;margin:20px 0 8px 0;border-bottom:2px solid ${content.brandColor};padding-bottom:4px;">${escapeHtml(section.title)}</h2>` +
        `<ul style="${FONT}font-size:15px;line-height:22px;margin:0;padding-left:20px;">` +
        section.items
          .map(
            (item) =>
              `<li style="margin:0 0 8px 0;">${item.html}${
                item.quotes?.length
                  ? item.quotes
                      .map(
                        (quote) =>
                          `<blockquote style="margin:6px 0 0 0;padding:4px 10px;border-left:3px solid #d2d5d8;color:#303030;font-style:italic;">${quote.html}</blockquote>`,
                      )
                      .join("")
                  : ""
              }</li>`,
          )
          .join("") +
        `</ul>`,
    ),
    `<p style="margin:24px 0 0 0;"><a href="${escapeHtml(links.insights)}" style="${FONT}display:inline-block;background:${content.brandColor};color:#ffffff;text-decoration:none;font-weight:bold;padding:10px 16px;border-radius:8px;">${escapeHtml(w.open)}</a></p>`,
    `<p style="${FONT}font-size:12px;color:#616161;margin:24px 0 0 0;">${escapeHtml(footer)}</p>`,
    `</div>`,
  ].join("\n");

  const html = `<!doctype html>
<html lang="${content.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:16px;background:#ffffff;">
${bodyHtml}
</body></html>`;

  const text = [
    w.heading,
    `${content.shopName} · ${covered}`,
    ...sections.flatMap((section) => [
      "",
      section.title.toUpperCase(),
      ...section.items.flatMap((item) => [
        `- ${item.text}`,
        ...(item.quotes ?? []).map((quote) => `    “${quote.text}”`),
      ]),
    ]),
    "",
    `${w.open}: ${links.insights}`,
    "",
    footer,
  ].join("\n");

  return { subject, html, bodyHtml, text };
}

/** The double opt-in email: a confirmation link, in the digest's language. */
export function renderDigestInvitation(input: {
  shopName: string;
  brandColor: string;
  locale: ShopperLanguage;
  confirmUrl: string;
}): { subject: string; html: string; text: string } {
  const w = digestWords(input.locale);
  const subject = fillPlaceholders(w["invite.subject"], { shop: input.shopName });
  const body = fillPlaceholders(w["invite.body"], { shop: input.shopName });
  const html = `<!doctype html>
<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:16px;${FONT}color:#202223;">
<p style="font-size:16px;line-height:24px;">${escapeHtml(body)}</p>
<p><a href="${escapeHtml(input.confirmUrl)}" style="display:inline-block;background:${input.brandColor};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 18px;border-radius:8px;">${escapeHtml(w["invite.button"])}</a></p>
<p style="font-size:13px;color:#616161;">${escapeHtml(w["invite.ignore"])}</p>
</body></html>`;
  const text = `${body}\n\n${input.confirmUrl}\n\n${w["invite.ignore"]}`;
  return { subject, html, text };
}
