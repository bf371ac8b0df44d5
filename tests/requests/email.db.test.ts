import db from "~/db.server";
import { captureEmailDuringTests } from "../support/smtp";
import { dispatchDueRequests, syncReviewRequestForOrder } from "~/modules/requests";
import { escapeHtml, renderReviewEmail } from "~/modules/requests/email/render";
import { verifyRequestToken } from "~/modules/requests/shopper-pages/token.server";
import { createCustomer, createOrder, createShop } from "./factories";

const t = (iso: string) => new Date(iso);
captureEmailDuringTests();

const TRICKY_PRODUCT = {
  shopifyId: "8101",
  title: `Mössa "Åre" <ull> & lin 🧶`,
  priceCents: 39_900,
  imageUrl: "https://cdn.shopify.example/mossa.jpg?w=400&h=400",
};

async function sendOneEmail(locale: string, firstName: string | null = "Åsa") {
  const shop = await createShop({ name: "Björk & Söner <Stockholm>", brandColor: "#f4c430" });
  const customer = await createCustomer(shop, { locale, firstName });
  const order = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z"), lines: [TRICKY_PRODUCT] });
  await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-01T09:00:00Z") });
  const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
  const now = t("2026-05-15T08:01:00Z");
  await dispatchDueRequests({ now, shop });
  const [email] = await db.capturedEmail.findMany({ where: { envelopeTo: customer.email! } });
  return { shop, order, request, email, headers: JSON.parse(email.headers) as Record<string, string>, now };
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
}

describe("the review-request email", () => {
  it.each([
    [
      "en",
      `How do you like your Mössa "Åre" <ull> & lin 🧶?`,
      "Hi Åsa,",
      "Write a review",
      "Unsubscribe from review requests",
    ],
    [
      "sv-SE",
      `Vad tycker du om Mössa "Åre" <ull> & lin 🧶?`,
      "Hej Åsa!",
      "Skriv ett omdöme",
      "Avregistrera dig från frågor om omdömen",
    ],
  ])(
    "in %s: subject, greeting, one-tap stars, links and unsubscribe headers",
    async (locale, subject, greeting, writeReview, unsubscribe) => {
      const { request, email, headers, now, order } = await sendOneEmail(locale);
      expect(email.subject).toBe(subject);
      expect(email.html).toContain(`lang="${locale.slice(0, 2)}"`);

      // Five star links, ratings 1..5, each with a token that verifies to THIS request and shop.
      const starLinks = hrefs(email.html!).filter((h) => h.includes("rating="));
      expect(starLinks).toHaveLength(5);
      const tokens = new Set<string>();
      starLinks.forEach((link, i) => {
        const url = new URL(link);
        expect(url.searchParams.get("rating")).toBe(String(i + 1));
        expect(url.searchParams.get("product")).toBe(TRICKY_PRODUCT.shopifyId);
        const [, r, token] = url.pathname.split("/");
        expect(r).toBe("r");
        tokens.add(token);
      });
      expect(tokens.size).toBe(1);
      const [token] = tokens;
      const check = verifyRequestToken(token, now);
      expect(check).toMatchObject({ ok: true, claims: { requestId: request.id, shop: request.shop } });
      // Valid for the shop's token lifetime (60 days by default), not forever.
      expect(check.ok && check.claims.expiresAt.toISOString()).toBe("2026-07-14T08:01:00.000Z");

      const base = `http://localhost:3000/r/${token}`;
      expect(hrefs(email.html!)).toEqual(expect.arrayContaining([base, `${base}/unsubscribe`, `${base}/not-arrived`]));
      expect(headers["list-unsubscribe"]).toBe(`<${base}/unsubscribe>`);
      expect(headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
      expect(headers["x-kundrost-shop"]).toBe(request.shop);

      // The plain-text part carries the same words and links.
      expect(email.text).toContain(greeting);
      expect(email.text).toContain(`${writeReview}: ${base}`);
      expect(email.text).toContain(`${unsubscribe}: ${base}/unsubscribe`);
      expect(email.text).toContain(`${base}?rating=4&product=${TRICKY_PRODUCT.shopifyId}`);
      expect(email.text).toContain(order.name);
      expect(email.html).toContain(escapeHtml(writeReview));
    },
  );

  it("escapes shop and product names in the HTML and keeps them readable in the text part", async () => {
    const { email } = await sendOneEmail("en");
    expect(email.html).toContain("Mössa &quot;Åre&quot; &lt;ull&gt; &amp; lin 🧶");
    expect(email.html).toContain("Björk &amp; Söner &lt;Stockholm&gt;");
    expect(email.html).not.toContain("<ull>");
    expect(email.html).not.toContain("<Stockholm>");
    expect(email.html).toContain('src="https://cdn.shopify.example/mossa.jpg?w=400&amp;h=400"');
    expect(email.text).toContain(`Mössa "Åre" <ull> & lin 🧶`);
    expect(email.text).toContain("Björk & Söner <Stockholm>");
  });

  it("uses the brand colour, with dark text on a light brand colour", async () => {
    const { email } = await sendOneEmail("en", null);
    expect(email.html).toContain("background:#f4c430;color:#111111");
    expect(email.text).toMatch(/^Hi,\n/);
  });

  it.each([
    ["en", "request", ["Linen shirt", "Mug"], "How was your order from Lind & Co?"],
    ["sv", "request", ["Linen shirt", "Mug"], "Hur var din beställning från Lind & Co?"],
    ["en", "reminder", ["Linen shirt"], "Quick question: how is your Linen shirt?"],
    ["sv", "reminder", ["Linen shirt"], "En snabb fråga: vad tycker du om Linen shirt?"],
    ["sv", "reminder", ["Linen shirt", "Mug"], "Är du nöjd med din beställning från Lind & Co?"],
  ] as const)("subject in %s for a %s about %j", (locale, kind, titles, subject) => {
    const rendered = renderReviewEmail({
      kind,
      locale,
      shopName: "Lind & Co",
      brandColor: "not-a-colour",
      customerFirstName: "Anna",
      orderName: "#1001",
      products: titles.map((title, i) => ({ productShopifyId: String(i + 1), title, imageUrl: null })),
      links: {
        review: "https://app.example/r/x",
        unsubscribe: "https://app.example/r/x/unsubscribe",
        notArrived: "https://app.example/r/x/not-arrived",
        star: (n, p) => `https://app.example/r/x?rating=${n}&product=${p}`,
      },
    });
    expect(rendered.subject).toBe(subject);
    expect(rendered.html.match(/rating=/g)).toHaveLength(5 * titles.length);
    expect(rendered.html).toContain("background:#1f5135"); // an invalid brand colour falls back
  });
});
