// The demo shop's catalogue: a small Nordic apparel and home-goods store. Prices are in SEK.
// Ids are shaped like Shopify's numeric REST ids, so webhook payloads built from them look real.

export type DemoProductKind = "apparel" | "footwear" | "home" | "gift_card";

export interface DemoProduct {
  shopifyId: string;
  handle: string;
  title: string;
  productType: string;
  kind: DemoProductKind;
  vendor: string;
  /** Shop price in öre (SEK cents) of every variant. */
  priceCents: number;
  variants: { shopifyId: string; title: string; sku: string }[];
  /** Two colours for the generated product picture. */
  palette: readonly [string, string];
}

interface CatalogEntry {
  handle: string;
  title: string;
  productType: string;
  kind: DemoProductKind;
  vendor: string;
  price: number;
  options: string[];
  palette: readonly [string, string];
}

const SIZES = ["S", "M", "L", "XL"];
const SHOE_SIZES = ["38", "39", "40", "41", "42", "43", "44"];

const CATALOG: CatalogEntry[] = [
  {
    handle: "organic-cotton-t-shirt",
    title: "Organic Cotton T-Shirt",
    productType: "T-Shirts",
    kind: "apparel",
    vendor: "Kundröst Basics",
    price: 249,
    options: SIZES,
    palette: ["#e9e4d8", "#2f4f4f"],
  },
  {
    handle: "slim-selvedge-jeans",
    title: "Slim Selvedge Jeans",
    productType: "Jeans",
    kind: "apparel",
    vendor: "Kundröst Denim",
    price: 899,
    options: ["28/32", "30/32", "32/32", "34/32", "36/34"],
    palette: ["#dfe6ee", "#1d3557"],
  },
  {
    handle: "linen-shirt",
    title: "Linen Shirt",
    productType: "Shirts",
    kind: "apparel",
    vendor: "Kundröst Basics",
    price: 649,
    options: SIZES,
    palette: ["#f4efe6", "#8a7f6a"],
  },
  {
    handle: "merino-wool-sweater",
    title: "Merino Wool Sweater",
    productType: "Knitwear",
    kind: "apparel",
    vendor: "Fjällull",
    price: 1199,
    options: SIZES,
    palette: ["#efe7dd", "#7b2d26"],
  },
  {
    handle: "rain-jacket",
    title: "Waterproof Rain Jacket",
    productType: "Outerwear",
    kind: "apparel",
    vendor: "Skurväder",
    price: 1499,
    options: SIZES,
    palette: ["#fdf3d0", "#e0a100"],
  },
  {
    handle: "hooded-sweatshirt",
    title: "Hooded Sweatshirt",
    productType: "Sweatshirts",
    kind: "apparel",
    vendor: "Kundröst Basics",
    price: 599,
    options: SIZES,
    palette: ["#e6e9e4", "#4a5d4f"],
  },
  {
    handle: "knitted-beanie",
    title: "Knitted Beanie",
    productType: "Accessories",
    kind: "apparel",
    vendor: "Fjällull",
    price: 299,
    options: ["One size"],
    palette: ["#f1e4e4", "#a23e48"],
  },
  {
    handle: "canvas-sneakers",
    title: "Canvas Sneakers",
    productType: "Sneakers",
    kind: "footwear",
    vendor: "Gångstig",
    price: 799,
    options: SHOE_SIZES,
    palette: ["#eef0f2", "#222831"],
  },
  {
    handle: "ceramic-mug-set",
    title: "Ceramic Mug Set (4 pcs)",
    productType: "Kitchen",
    kind: "home",
    vendor: "Lerverket",
    price: 399,
    options: ["Sand", "Moss"],
    palette: ["#f3ece3", "#b5835a"],
  },
  {
    handle: "linen-duvet-cover",
    title: "Linen Duvet Cover",
    productType: "Bedding",
    kind: "home",
    vendor: "Hemlin",
    price: 1099,
    options: ["150x210", "220x220"],
    palette: ["#eef1f4", "#6c7a89"],
  },
  {
    handle: "scented-candle-birch-moss",
    title: "Scented Candle – Birch & Moss",
    productType: "Candles",
    kind: "home",
    vendor: "Ljusstöparna",
    price: 249,
    options: ["Default Title"],
    palette: ["#edf2e8", "#556b2f"],
  },
  {
    handle: "wool-throw-blanket",
    title: "Wool Throw Blanket",
    productType: "Blankets",
    kind: "home",
    vendor: "Fjällull",
    price: 899,
    options: ["Grey", "Rust"],
    palette: ["#f2ebe5", "#a0522d"],
  },
  {
    handle: "oak-cutting-board",
    title: "Oak Cutting Board",
    productType: "Kitchen",
    kind: "home",
    vendor: "Träslöjd",
    price: 449,
    options: ["Medium", "Large"],
    palette: ["#f6eddc", "#9c6b30"],
  },
  {
    handle: "linen-tea-towels",
    title: "Linen Tea Towels (2-pack)",
    productType: "Kitchen",
    kind: "home",
    vendor: "Hemlin",
    price: 199,
    options: ["Default Title"],
    palette: ["#eef3f1", "#3e7c6b"],
  },
  {
    handle: "gift-card",
    title: "Kundröst Gift Card",
    productType: "Gift Cards",
    kind: "gift_card",
    vendor: "Kundröst Demo Store",
    price: 500,
    options: ["500 kr"],
    palette: ["#f0eefa", "#4b3f8f"],
  },
];

const PRODUCT_ID_BASE = 8_210_000_000_000;
const VARIANT_ID_BASE = 44_610_000_000_000;

export const DEMO_PRODUCTS: DemoProduct[] = CATALOG.map((entry, index) => ({
  shopifyId: String(PRODUCT_ID_BASE + (index + 1) * 1_117),
  handle: entry.handle,
  title: entry.title,
  productType: entry.productType,
  kind: entry.kind,
  vendor: entry.vendor,
  priceCents: entry.price * 100,
  palette: entry.palette,
  variants: entry.options.map((option, v) => ({
    shopifyId: String(VARIANT_ID_BASE + (index + 1) * 10_007 + v),
    title: option,
    sku: `KR-${String(index + 1).padStart(3, "0")}-${option.replace(/[^A-Za-z0-9]+/g, "").toUpperCase() || "STD"}`,
  })),
}));

export function demoProductByHandle(handle: string): DemoProduct | undefined {
  return DEMO_PRODUCTS.find((product) => product.handle === handle);
}
