// The email that carries the shop's reply to a reviewer (public reply, or a private one): in the reviewer's
// language, with the shop's name and colour, the review quoted, a link to update the review and one to stop
// emails. Table layout with inline styles like the request email; every value is escaped.
import { escapeHtml, textOnBrand } from "../requests";
import type { ShopperLanguage } from "../shopper-language";
import { formatMessage, shopperMessages } from "./shopper-messages";

export interface ReplyEmailInput {
  kind: "public_reply" | "private_reply";
  locale: ShopperLanguage;
  shopName: string;
  brandColor: string;
  reviewerName: string | null;
  productTitle: string;
  review: { rating: number; title: string | null; body: string };
  reply: string;
  links: { update: string; unsubscribe: string };
}

const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();
const paragraphs = (text: string) => escapeHtml(text).replace(/\r?\n/g, "<br>");

export function renderReplyEmail(input: ReplyEmailInput): { subject: string; html: string; text: string } {
  const m = shopperMessages(input.locale);
  const values = {
    shop: oneLine(input.shopName),
    product: oneLine(input.productTitle),
    name: oneLine(input.reviewerName ?? ""),
  };
  const subject = oneLine(
    formatMessage(m, input.kind === "public_reply" ? "reply.subjectPublic" : "reply.subjectPrivate", values),
  );
  const greeting = values.name ? formatMessage(m, "reply.greetingNamed", values) : m["reply.greeting"];
  const intro = formatMessage(m, input.kind === "public_reply" ? "reply.introPublic" : "reply.introPrivate", values);
  const stars = `${"★".repeat(input.review.rating)}${"☆".repeat(5 - input.review.rating)}`;
  const footer = formatMessage(m, "reply.footerWhy", values);
  const unsubscribe = formatMessage(m, "reply.unsubscribe", values);
  const brand = /^#[0-9a-f]{6}$/i.test(input.brandColor) ? input.brandColor.toLowerCase() : "#1f5135";
  const onBrand = textOnBrand(brand);
  const font = "font-family:Arial,Helvetica,sans-serif;";
  const html = `<!DOCTYPE html>
<html lang="${
    input.locale
  }"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;">
<tr><td align="center" style="background:${brand};color:${onBrand};${font}font-size:20px;font-weight:bold;padding:18px;border-radius:10px 10px 0 0;">${escapeHtml(
    values.shop,
  )}</td></tr>
<tr><td style="background:#ffffff;padding:24px;${font}font-size:16px;line-height:24px;color:#202223;">
<p style="margin:0 0 12px 0;">${escapeHtml(greeting)}</p>
<p style="margin:0 0 16px 0;">${escapeHtml(intro)}</p>
<blockquote style="margin:0 0 20px 0;padding:12px 16px;border-left:4px solid ${brand};background:#f6f6f7;">${paragraphs(
    input.reply,
  )}</blockquote>
<p style="margin:0 0 4px 0;font-size:14px;color:#616161;">${escapeHtml(m["reply.yourReview"])}</p>
<p style="margin:0 0 4px 0;color:${brand};font-size:18px;" aria-label="${input.review.rating}/5">${stars}</p>
${input.review.title ? `<p style="margin:0 0 4px 0;font-weight:bold;">${escapeHtml(input.review.title)}</p>` : ""}
<p style="margin:0 0 20px 0;color:#303030;">${paragraphs(input.review.body)}</p>
<p style="margin:0 0 12px 0;font-size:14px;color:#616161;">${escapeHtml(m["reply.updateInvite"])}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="background:${brand};border-radius:6px;"><a href="${escapeHtml(
    input.links.update,
  )}" style="display:inline-block;padding:12px 24px;${font}font-size:16px;font-weight:bold;color:${onBrand};text-decoration:none;">${escapeHtml(
    m["reply.updateButton"],
  )}</a></td></tr></table>
</td></tr>
<tr><td style="padding:16px 24px;${font}font-size:12px;line-height:18px;color:#6d7175;text-align:center;">${escapeHtml(
    footer,
  )}<br><a href="${escapeHtml(input.links.unsubscribe)}" style="color:#6d7175;">${escapeHtml(unsubscribe)}</a></td></tr>
</table></td></tr></table></body></html>`;
  const text = [
    greeting,
    "",
    intro,
    "",
    input.reply,
    "",
    `${m["reply.yourReview"]}: ${stars}`,
    ...(input.review.title ? [input.review.title] : []),
    input.review.body,
    "",
    m["reply.updateInvite"],
    `${m["reply.updateButton"]}: ${input.links.update}`,
    "",
    "--",
    footer,
    `${unsubscribe}: ${input.links.unsubscribe}`,
    "",
  ].join("\n");
  return { subject, html, text };
}
