// The review-request email: table layout with inline styles (what Gmail, Outlook and Apple Mail all render),
// a dark-mode block for clients that honour prefers-color-scheme, and a plain-text part with the same links.
// Every value from a shop or a shopper is escaped before it goes into the HTML.
import type { EmailLocale } from "../../settings";
import { fillPlaceholders } from "../../shopper-language";
import { shopperStrings } from "./strings";
import { safeBrandColor } from "../../shops";
import type { EmailPointsOffer } from "./points-offer";

export interface EmailProduct {
  productShopifyId: string;
  title: string;
  imageUrl: string | null;
}

export interface ReviewEmailInput {
  kind: "request" | "reminder";
  locale: EmailLocale;
  shopName: string;
  /** #rrggbb; anything else falls back to Kundröst green. */
  brandColor: string;
  customerFirstName: string | null;
  orderName: string;
  products: EmailProduct[];
  /** What reviewing earns this shopper in the shop's loyalty programme; null: say nothing about points. */
  pointsOffer?: EmailPointsOffer | null;
  links: {
    review: string;
    unsubscribe: string;
    notArrived: string;
    star(rating: number, productShopifyId: string): string;
  };
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const RATINGS = [1, 2, 3, 4, 5] as const;

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
export function textOnBrand(color: string): string {
  const channel = (hex: string) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance =
    0.2126 * channel(color.slice(1, 3)) + 0.7152 * channel(color.slice(3, 5)) + 0.0722 * channel(color.slice(5, 7));
  return luminance > 0.4 ? "#111111" : "#ffffff";
}

/** Subject lines stay on one line whatever a product is called. */
function oneLine(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/**
 * The points paragraph: what a review earns, the photo bonus, and that the points are for an honest review
 * whatever it says (they never depend on the rating or the words). Null when there is nothing to offer.
 */
function pointsLines(
  offer: EmailPointsOffer | null | undefined,
  locale: EmailLocale,
  productCount: number,
): { offer: string; honest: string } | null {
  if (!offer || offer.reviewPoints + offer.photoBonusPoints <= 0) return null;
  const s = shopperStrings(locale).email;
  const number = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB");
  const points = (n: number) => fillPlaceholders(n === 1 ? s.pointsOne : s.pointsMany, { n: number.format(n) });
  const lines: string[] = [];
  if (offer.reviewPoints > 0) {
    const template = !offer.allProducts ? s.pointsOfferSome : productCount === 1 ? s.pointsOfferOne : s.pointsOfferMany;
    lines.push(fillPlaceholders(template, { points: points(offer.reviewPoints) }));
    if (offer.photoBonusPoints > 0)
      lines.push(fillPlaceholders(s.pointsPhotoBonus, { points: points(offer.photoBonusPoints) }));
  } else {
    lines.push(fillPlaceholders(s.pointsPhotoOnly, { points: points(offer.photoBonusPoints) }));
  }
  return { offer: lines.join(" "), honest: s.pointsHonest };
}

export function renderReviewEmail(input: ReviewEmailInput): RenderedEmail {
  const s = shopperStrings(input.locale).email;
  const brand = safeBrandColor(input.brandColor);
  const onBrand = textOnBrand(brand);
  const values = {
    shop: oneLine(input.shopName),
    order: oneLine(input.orderName),
    product: oneLine(input.products[0]?.title ?? ""),
    name: oneLine(input.customerFirstName ?? ""),
  };
  const single = input.products.length === 1;
  const subjectTemplate =
    input.kind === "reminder"
      ? single
        ? s.reminderSubjectOne
        : s.reminderSubjectMany
      : single
        ? s.subjectOne
        : s.subjectMany;
  const subject = oneLine(fillPlaceholders(subjectTemplate, values));
  const greeting = values.name ? fillPlaceholders(s.greetingNamed, values) : s.greeting;
  const intro =
    input.kind === "reminder" ? s.reminderIntro : fillPlaceholders(single ? s.introOne : s.introMany, values);
  const footerWhy = fillPlaceholders(s.footerWhy, values);
  const points = pointsLines(input.pointsOffer, input.locale, input.products.length);
  const pointsBlock = points
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 20px 0;"><tr><td class="card" style="padding:14px 16px;border:2px solid ${brand};border-radius:10px;background:#ffffff;">
<p class="text" style="margin:0 0 6px 0;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:22px;font-weight:bold;color:#202223;">${escapeHtml(points.offer)}</p>
<p class="muted" style="margin:0;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:19px;color:#616161;">${escapeHtml(points.honest)}</p>
</td></tr></table>\n`
    : "";

  const productBlocks = input.products
    .map((product) => {
      const stars = RATINGS.map((rating) => {
        const label = s.starLabels[rating - 1];
        return `<td align="center" style="padding:0 2px;"><a href="${escapeHtml(
          input.links.star(rating, product.productShopifyId),
        )}" title="${escapeHtml(label)}" aria-label="${escapeHtml(
          label,
        )}" class="star" style="display:inline-block;font-size:34px;line-height:44px;width:44px;text-decoration:none;color:${brand};font-family:Arial,Helvetica,sans-serif;">&#9733;</a></td>`;
      }).join("");
      const image = product.imageUrl
        ? `<tr><td align="center" style="padding:0 0 12px 0;"><img src="${escapeHtml(
            product.imageUrl,
          )}" width="160" alt="${escapeHtml(
            product.title,
          )}" style="display:block;width:160px;max-width:100%;height:auto;border:0;border-radius:8px;"></td></tr>`
        : "";
      return `<tr><td class="card" style="padding:20px;border:1px solid #e3e3e3;border-radius:10px;background:#ffffff;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
${image}<tr><td align="center" class="text" style="font-family:Arial,Helvetica,sans-serif;font-size:17px;font-weight:bold;color:#202223;padding:0 0 6px 0;">${escapeHtml(
        product.title,
      )}</td></tr>
<tr><td align="center" class="muted" style="font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#616161;padding:0 0 4px 0;">${escapeHtml(
        s.tapToRate,
      )}</td></tr>
<tr><td align="center"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>${stars}</tr></table></td></tr>
</table></td></tr>
<tr><td style="height:16px;line-height:16px;font-size:0;">&nbsp;</td></tr>`;
    })
    .join("\n");

  const html = `<!DOCTYPE html>
<html lang="${input.locale}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(subject)}</title>
<style>
  @media (prefers-color-scheme: dark) {
    .body, .wrapper { background:#111111 !important; }
    .card { background:#1e1e1e !important; border-color:#333333 !important; }
    .text { color:#f1f1f1 !important; }
    .muted { color:#b5b5b5 !important; }
  }
  @media only screen and (max-width:620px) { .container { width:100% !important; } .star { width:40px !important; } }
</style>
</head>
<body class="body" style="margin:0;padding:0;background:#f4f4f4;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(s.preheader)}</div>
<table role="presentation" class="wrapper" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;">
<tr><td align="center" style="background:${brand};color:${onBrand};font-family:Arial,Helvetica,sans-serif;font-size:20px;font-weight:bold;padding:18px;border-radius:10px 10px 0 0;">${escapeHtml(
    values.shop,
  )}</td></tr>
<tr><td class="card" style="background:#ffffff;padding:24px 24px 8px 24px;">
<p class="text" style="margin:0 0 12px 0;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#202223;">${escapeHtml(
    greeting,
  )}</p>
<p class="text" style="margin:0 0 20px 0;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#202223;">${escapeHtml(
    intro,
  )}</p>
${pointsBlock}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
${productBlocks}
</table>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" align="center" style="margin:4px auto 20px auto;"><tr>
<td align="center" style="background:${brand};border-radius:6px;"><a href="${escapeHtml(
    input.links.review,
  )}" style="display:inline-block;padding:12px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;font-weight:bold;color:${onBrand};text-decoration:none;">${escapeHtml(
    s.writeReview,
  )}</a></td>
</tr></table>
<p class="muted" style="margin:0 0 20px 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#616161;text-align:center;">${escapeHtml(
    s.notArrived,
  )} <a href="${escapeHtml(input.links.notArrived)}" style="color:${brand};">${escapeHtml(s.notArrivedLink)}</a></p>
<p class="text" style="margin:0 0 20px 0;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:22px;color:#202223;">${escapeHtml(
    s.signoff,
  )}<br>${escapeHtml(values.shop)}</p>
</td></tr>
<tr><td class="muted" style="padding:16px 24px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#6d7175;text-align:center;">${escapeHtml(
    footerWhy,
  )}<br><a href="${escapeHtml(input.links.unsubscribe)}" style="color:#6d7175;">${escapeHtml(
    s.unsubscribe,
  )}</a></td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;

  const textProducts = input.products
    .map((product) =>
      [
        product.title,
        `${s.tapToRate}:`,
        ...RATINGS.map(
          (rating) =>
            `  ${"★".repeat(rating)}${"☆".repeat(5 - rating)} ${s.starLabels[rating - 1]}: ${input.links.star(
              rating,
              product.productShopifyId,
            )}`,
        ),
      ].join("\n"),
    )
    .join("\n\n");
  const text = [
    greeting,
    "",
    intro,
    "",
    ...(points ? [points.offer, points.honest, ""] : []),
    textProducts,
    "",
    `${s.writeReview}: ${input.links.review}`,
    "",
    `${s.notArrived} ${s.notArrivedLink}: ${input.links.notArrived}`,
    "",
    s.signoff,
    values.shop,
    "",
    "--",
    footerWhy,
    `${s.unsubscribe}: ${input.links.unsubscribe}`,
    "",
  ].join("\n");

  return { subject, html, text };
}
