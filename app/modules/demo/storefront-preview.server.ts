// The demo's storefront preview: a product page and a collection page of the demo shop in a small theme of our
// own (a Dawn-like layout and stylesheet, with the theme's own Product JSON-LD so a duplicate would show), with
// the theme app extension's real blocks rendered by liquidjs from what the app wrote to the stand-in "Shopify"
// (the rating metafields and kundrost.reviews_summary). The blocks' assets load from the extension folder and
// their scripts reach /apps/kundrost/..., which the demo's local hop signs as Shopify's app proxy does.
// `withBlocks: false` renders the same page without any of the app's output (the benchmark's baseline).
import { DEMO_SHOP } from "../../config.server";
import db from "../../db.server";
import { createThemeRenderer, liquidMetafield, shopifyJson, type StorefrontLocale } from "../storefront";
import { DEMO_PRODUCTS, demoProductByHandle, type DemoProduct } from "./catalog";
import { demoProductImagePath } from "./product-images";
import { DEMO_SHOP_DETAILS } from "./seed.server";
import { standInProductMetafields } from "./standin.server";

export const PREVIEW_ASSET_BASE = "/demo/storefront/assets";
export const DEMO_MEMBER_COOKIE = "kr_demo_customer";

export interface PreviewOptions {
  origin: string;
  /** The demo member "logged in" on the storefront (a Shopify customer id of the demo shop), or null. */
  customerShopifyId: string | null;
  locale?: StorefrontLocale;
  withBlocks?: boolean;
}

interface PreviewCustomer {
  id: string;
  first_name: string;
  last_name: string;
  name: string;
}

const BLOCK_SETTINGS = {
  star_color: "#8a5a00",
  accent_color: "#1f4e5f",
  text_color: "#1a1a1a",
  layout: "split",
  per_page: 5,
  show_gallery: true,
  show_form: true,
  show_statement: true,
  statement: "",
  heading: "",
  size: 16,
  show_count: true,
  show_empty: false,
  print_json_ld: true,
};

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

function price(cents: number): string {
  return `${(cents / 100).toFixed(2).replace(".", ",")} kr`;
}

/** The demo members a visitor may "log in" as: the demo shop's customers with a loyalty account. */
export async function demoStorefrontMembers(): Promise<{ id: string; name: string; points: number }[]> {
  const accounts = await db.loyaltyAccount.findMany({
    where: { shop: DEMO_SHOP },
    orderBy: { availablePoints: "desc" },
    take: 8,
    select: { customerId: true, availablePoints: true },
  });
  const customers = await db.customer.findMany({
    where: { shop: DEMO_SHOP, shopifyId: { in: accounts.map((a) => a.customerId) } },
    select: { shopifyId: true, firstName: true, lastName: true },
  });
  return accounts.flatMap((account) => {
    const customer = customers.find((c) => c.shopifyId === account.customerId);
    if (!customer) return [];
    const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ") || "Member";
    return [{ id: account.customerId, name, points: account.availablePoints }];
  });
}

async function previewCustomer(customerShopifyId: string | null): Promise<PreviewCustomer | null> {
  if (!customerShopifyId) return null;
  const customer = await db.customer.findUnique({
    where: { shop_shopifyId: { shop: DEMO_SHOP, shopifyId: customerShopifyId } },
    select: { shopifyId: true, firstName: true, lastName: true },
  });
  if (!customer?.shopifyId) return null;
  const first = customer.firstName ?? "";
  const last = customer.lastName ?? "";
  return { id: customer.shopifyId, first_name: first, last_name: last, name: `${first} ${last}`.trim() };
}

/** The product as Liquid sees it on the storefront, its metafields from the stand-in's "Shopify". */
async function liquidProduct(product: DemoProduct, origin: string) {
  const [row, held] = await Promise.all([
    db.product.findUnique({ where: { shop_shopifyId: { shop: DEMO_SHOP, shopifyId: product.shopifyId } } }),
    standInProductMetafields(DEMO_SHOP, product.shopifyId),
  ]);
  const metafields: Record<string, Record<string, unknown>> = {};
  for (const [name, field] of Object.entries(held)) {
    const [namespace, key] = name.split(".");
    const value = liquidMetafield(field.type, field.value);
    if (value) (metafields[namespace] ??= {})[key] = value;
  }
  const image = `${origin}${demoProductImagePath(product.handle)}`;
  return {
    id: Number(product.shopifyId),
    title: row?.title ?? product.title,
    handle: product.handle,
    url: `/demo/storefront/products/${product.handle}`,
    vendor: product.vendor,
    type: product.productType,
    description: `<p>${escapeHtml(product.title)} from ${escapeHtml(product.vendor)}: made to last, easy to care for.</p>`,
    featured_image: { src: image.replace(/^https?:/, ""), width: 800, height: 800 },
    price: product.priceCents,
    selected_or_first_available_variant: { sku: product.variants[0]?.sku ?? "", barcode: "" },
    variants: product.variants,
    metafields,
  };
}

function blockContext(
  product: Awaited<ReturnType<typeof liquidProduct>> | null,
  customer: PreviewCustomer | null,
  origin: string,
  blockId: string,
  locale: StorefrontLocale,
  settings: Record<string, unknown> = {},
) {
  return {
    product,
    customer,
    shop: { name: DEMO_SHOP_DETAILS.name, url: origin, domain: DEMO_SHOP },
    request: { locale: { iso_code: locale } },
    routes: { account_register_url: "/account/register", account_login_url: "/account/login" },
    block: { id: blockId, shopify_attributes: "", settings: { ...BLOCK_SETTINGS, ...settings } },
  };
}

const THEME_CSS = `
:root{--page:1200px;--text:#121212;--muted:#5c5c5c;--line:#e2e2e2;--bg:#fff;--button:#121212}
*{box-sizing:border-box}html{font-size:100%}
body{margin:0;font-family:"Helvetica Neue",Helvetica,Arial,system-ui,sans-serif;font-size:1rem;line-height:1.6;color:var(--text);background:var(--bg);letter-spacing:.02em}
a{color:inherit}img{max-width:100%;height:auto;display:block}
.demo-bar{background:#f3efe6;border-bottom:1px solid #e0d8c3;font-size:.85rem;padding:.4rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.demo-bar form{display:flex;gap:.4rem;align-items:center;margin:0}
.demo-bar select,.demo-bar button{font:inherit;min-height:2rem}
.announcement{background:#121212;color:#fff;text-align:center;font-size:.8rem;padding:.5rem}
.header{max-width:var(--page);margin:0 auto;padding:1.2rem 1.5rem;display:flex;align-items:center;justify-content:space-between;border-bottom:1px solid var(--line)}
.header__logo{font-size:1.4rem;font-weight:700;text-decoration:none;letter-spacing:.04em}
.header nav{display:flex;gap:1.5rem}.header nav a{text-decoration:none;color:var(--muted)}
.page-width{max-width:var(--page);margin:0 auto;padding:0 1.5rem}
.product{display:grid;gap:2.5rem;padding:2.5rem 0;grid-template-columns:1fr}
@media (min-width:750px){.product{grid-template-columns:1.1fr 1fr}}
.product__media img{aspect-ratio:1;width:100%;border-radius:4px;background:#f4f4f4}
.product__vendor{color:var(--muted);text-transform:uppercase;font-size:.75rem;letter-spacing:.13em;margin:0}
.product__title{font-size:2.2rem;line-height:1.2;margin:.3rem 0 .6rem;font-weight:400}
.product__price{font-size:1.2rem;margin:.8rem 0}
.product__form label{display:block;font-size:.85rem;color:var(--muted);margin-bottom:.3rem}
.product__form select{width:100%;max-width:20rem;min-height:2.75rem;padding:0 .75rem;border:1px solid #121212;background:#fff;font:inherit}
.button{display:block;width:100%;max-width:26rem;margin:1rem 0;min-height:3rem;border:1px solid var(--button);background:var(--button);color:#fff;font:inherit;font-size:1rem;letter-spacing:.06em;cursor:pointer}
.button--secondary{background:#fff;color:var(--button)}
.product__description{color:var(--muted);max-width:36rem}
.collection{padding:2.5rem 0}.collection h1{font-weight:400;font-size:2rem;margin:0 0 1.5rem}
.grid{display:grid;gap:1.5rem;grid-template-columns:repeat(2,minmax(0,1fr));list-style:none;margin:0;padding:0}
@media (min-width:750px){.grid{grid-template-columns:repeat(4,minmax(0,1fr))}}
.card{display:grid;gap:.3rem}.card img{aspect-ratio:1;width:100%;background:#f4f4f4;border-radius:4px}
.card__title{font-size:1rem;margin:.4rem 0 0;font-weight:400}.card__title a{text-decoration:none}
.card__price{color:var(--muted);font-size:.95rem;margin:0}
.footer{margin-top:4rem;border-top:1px solid var(--line);padding:2rem 1.5rem;color:var(--muted);font-size:.85rem;text-align:center}
`;

async function demoBar(options: PreviewOptions, customer: PreviewCustomer | null, back: string): Promise<string> {
  const members = await demoStorefrontMembers();
  const login = customer
    ? `<span>Logged in as <strong>${escapeHtml(customer.name)}</strong></span>
       <form method="post" action="/demo/storefront/session"><input type="hidden" name="back" value="${escapeHtml(back)}">
       <button name="intent" value="logout">Log out</button></form>`
    : `<form method="post" action="/demo/storefront/session"><input type="hidden" name="back" value="${escapeHtml(back)}">
       <label for="demo-member">Demo member</label><select id="demo-member" name="customer">${members
         .map((m) => `<option value="${escapeHtml(m.id)}">${escapeHtml(m.name)} (${m.points} points)</option>`)
         .join("")}</select><button name="intent" value="login">Log in as demo member</button></form>`;
  const blocks = options.withBlocks === false ? "without the app's blocks" : "with Kundröst's theme blocks";
  return `<div class="demo-bar" role="region" aria-label="Demo controls"><strong>Demo storefront</strong><span>${blocks}</span>${login}<a href="/demo">Demo controls</a></div>`;
}

function layout(args: {
  title: string;
  head: string;
  body: string;
  bar: string;
  withBlocks: boolean;
  scripts: string[];
}) {
  const assets = args.withBlocks
    ? `<link rel="stylesheet" href="${PREVIEW_ASSET_BASE}/kundrost.css">${args.scripts
        .map((s) => `<script src="${PREVIEW_ASSET_BASE}/${s}" defer></script>`)
        .join("")}`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(args.title)} – ${escapeHtml(DEMO_SHOP_DETAILS.name)}</title>
<meta name="description" content="${escapeHtml(args.title)} from ${escapeHtml(DEMO_SHOP_DETAILS.name)}, a Kundröst demo storefront.">
<style>${THEME_CSS}</style>
${assets}
${args.head}
</head>
<body>
${args.bar}
<div class="announcement">Free shipping on orders over 500 kr</div>
<header class="header"><a class="header__logo" href="/demo/storefront/collections/all">${escapeHtml(DEMO_SHOP_DETAILS.name)}</a>
<nav aria-label="Main"><a href="/demo/storefront/collections/all">Shop all</a><a href="/demo/storefront/collections/all">About</a><a href="/demo/storefront/collections/all">Cart (0)</a></nav></header>
<main id="main">${args.body}</main>
<footer class="footer">© ${escapeHtml(DEMO_SHOP_DETAILS.name)} · a Kundröst demo</footer>
</body>
</html>`;
}

/** The theme's own product structured data, as themes print it (no rating: that is the app's). */
function themeProductJsonLd(product: Awaited<ReturnType<typeof liquidProduct>>, origin: string): string {
  const data = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    url: `${origin}${product.url}`,
    image: [`https:${product.featured_image.src}`.replace(/^https:http/, "http")],
    brand: { "@type": "Brand", name: product.vendor },
    offers: product.variants.map((variant) => ({
      "@type": "Offer",
      sku: variant.sku,
      price: (product.price / 100).toFixed(2),
      priceCurrency: DEMO_SHOP_DETAILS.currency,
      availability: "https://schema.org/InStock",
      url: `${origin}${product.url}?variant=${variant.shopifyId}`,
    })),
  };
  return `<script type="application/ld+json">${shopifyJson(data)}</script>`;
}

export async function renderPreviewProductPage(handle: string, options: PreviewOptions): Promise<string | null> {
  const demoProduct = demoProductByHandle(handle);
  if (!demoProduct || demoProduct.kind === "gift_card") return null;
  const locale = options.locale ?? "en";
  const withBlocks = options.withBlocks !== false;
  const renderer = createThemeRenderer({ locale, assetBase: PREVIEW_ASSET_BASE });
  const customer = await previewCustomer(options.customerShopifyId);
  const product = await liquidProduct(demoProduct, options.origin);
  const context = (id: string, settings?: Record<string, unknown>) =>
    blockContext(product, customer, options.origin, id, locale, settings);
  const [stars, reviews, loyalty, snippets] = withBlocks
    ? await Promise.all([
        renderer.renderBlock("stars", context("stars-main", { product })),
        renderer.renderBlock("reviews", context("reviews-main")),
        renderer.renderBlock("loyalty", context("loyalty-main")),
        renderer.renderBlock("rich-snippets", context("rich-snippets")),
      ])
    : ["", "", "", ""];
  const options_ = demoProduct.variants
    .map((variant) => `<option value="${variant.shopifyId}">${escapeHtml(variant.title)}</option>`)
    .join("");
  const body = `<div class="page-width">
<section class="product">
  <div class="product__media"><img src="${escapeHtml(product.featured_image.src)}" alt="${escapeHtml(product.title)}" width="800" height="800" fetchpriority="high"></div>
  <div class="product__info">
    <p class="product__vendor">${escapeHtml(product.vendor)}</p>
    <h1 class="product__title">${escapeHtml(product.title)}</h1>
    ${stars}
    <p class="product__price">${price(product.price)}</p>
    <form class="product__form" action="/demo/storefront/collections/all" method="get">
      <label for="variant">${demoProduct.kind === "home" ? "Option" : "Size"}</label>
      <select id="variant" name="variant">${options_}</select>
      <button class="button" type="button">Add to cart</button>
      <button class="button button--secondary" type="button">Buy it now</button>
    </form>
    <div class="product__description">${product.description}</div>
  </div>
</section>
${reviews}
${loyalty}
</div>`;
  return layout({
    title: product.title,
    head: `${themeProductJsonLd(product, options.origin)}${snippets}`,
    body,
    bar: await demoBar(options, customer, product.url + (withBlocks ? "" : "?blocks=0")),
    withBlocks,
    scripts: ["kundrost-reviews.js", "kundrost-loyalty.js"],
  });
}

export async function renderPreviewCollectionPage(options: PreviewOptions): Promise<string> {
  const locale = options.locale ?? "en";
  const withBlocks = options.withBlocks !== false;
  const renderer = createThemeRenderer({ locale, assetBase: PREVIEW_ASSET_BASE });
  const customer = await previewCustomer(options.customerShopifyId);
  const cards = [];
  for (const demoProduct of DEMO_PRODUCTS.filter((p) => p.kind !== "gift_card")) {
    const product = await liquidProduct(demoProduct, options.origin);
    const stars = withBlocks
      ? await renderer.renderBlock(
          "stars",
          blockContext(product, customer, options.origin, "card-stars", locale, { product, size: 14 }),
        )
      : "";
    cards.push(`<li class="card">
  <a href="${product.url}" tabindex="-1" aria-hidden="true"><img src="${escapeHtml(product.featured_image.src)}" alt="" width="400" height="400" loading="lazy"></a>
  <h2 class="card__title"><a href="${product.url}">${escapeHtml(product.title)}</a></h2>
  ${stars}
  <p class="card__price">${price(product.price)}</p>
</li>`);
  }
  return layout({
    title: "All products",
    head: "",
    body: `<div class="page-width collection"><h1>All products</h1><ul class="grid">${cards.join("\n")}</ul></div>`,
    bar: await demoBar(options, customer, "/demo/storefront/collections/all"),
    withBlocks,
    scripts: [],
  });
}

/** The demo member the preview is logged in as (the session control's cookie), or null. */
export function demoMemberFromRequest(request: Request): string | null {
  const cookie = request.headers.get("cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${DEMO_MEMBER_COOKIE}=(\\d{1,20})(?:;|$)`).exec(cookie);
  return match ? match[1] : null;
}

/** A preview page: HTML, never cached (the member control changes it). */
export function previewHtmlResponse(html: string): Response {
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
