// Product pictures for the demo catalogue, drawn as SVG on request so the demo needs no external images
// and no binary files in the repository. Each kind of product gets a simple recognisable silhouette.
import type { DemoProduct } from "./catalog";

export function demoProductImagePath(handle: string): string {
  return `/demo/products/${handle}.svg`;
}

const SILHOUETTES: Record<string, string> = {
  "T-Shirts": "M70 60 L110 45 Q128 62 146 45 L186 60 L206 100 L178 112 L176 200 L80 200 L78 112 L50 100 Z",
  Shirts:
    "M72 58 L112 44 L128 70 L144 44 L184 58 L204 110 L178 118 L176 204 L80 204 L78 118 L52 110 Z M128 70 L128 204",
  Sweatshirts: "M70 62 Q128 30 186 62 L212 170 L186 176 L178 120 L178 204 L78 204 L78 120 L70 176 L44 170 Z",
  Knitwear:
    "M72 58 L112 46 Q128 58 144 46 L184 58 L212 176 L186 180 L178 116 L178 206 L78 206 L78 116 L70 180 L44 176 Z",
  Outerwear:
    "M76 52 L110 40 L128 60 L146 40 L180 52 L210 184 L182 188 L178 122 L178 210 L78 210 L78 122 L74 188 L46 184 Z M128 60 L128 210",
  Jeans: "M84 44 L172 44 L182 212 L140 212 L128 100 L116 212 L74 212 Z",
  Accessories: "M64 150 Q64 62 128 62 Q192 62 192 150 Z M56 150 L200 150 L200 178 L56 178 Z",
  Sneakers: "M40 160 L40 130 Q70 120 96 100 L132 104 Q170 140 216 146 L216 176 L40 176 Z",
  Kitchen: "M60 90 L160 90 L160 190 Q110 204 60 190 Z M160 110 Q200 110 200 140 Q200 170 160 170",
  Bedding: "M44 84 L212 84 L212 190 L44 190 Z M44 84 L80 60 L176 60 L212 84",
  Candles: "M88 100 L168 100 L168 200 L88 200 Z M128 100 L128 80 M128 56 Q140 70 128 80 Q116 70 128 56",
  Blankets: "M52 70 L204 70 L204 190 L52 190 Z M52 100 L204 100 M52 130 L204 130 M52 160 L204 160",
  "Gift Cards": "M40 80 L216 80 L216 180 L40 180 Z M40 110 L216 110 M128 80 L128 180",
};

// Products that share a product type but not a shape: a cutting board and tea towels are "Kitchen" too, and
// a mug on them reads as a wrong picture.
const SILHOUETTES_BY_HANDLE: Record<string, string> = {
  "oak-cutting-board":
    "M44 96 Q44 80 60 80 L180 80 Q196 80 196 96 L196 176 Q196 192 180 192 L60 192 Q44 192 44 176 Z M196 122 L222 122 Q232 136 222 150 L196 150 Z",
  "linen-tea-towels":
    "M70 56 L186 56 L186 206 L70 206 Z M70 80 L186 80 M70 182 L186 182 M118 40 Q128 30 138 40 L138 56 L118 56 Z",
};

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderDemoProductImage(
  product: Pick<DemoProduct, "handle" | "title" | "productType" | "palette">,
): string {
  const [background, ink] = product.palette;
  const shape = SILHOUETTES_BY_HANDLE[product.handle] ?? SILHOUETTES[product.productType] ?? SILHOUETTES["Gift Cards"];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 256 256" role="img" aria-label="${escapeXml(product.title)}">`,
    `<rect width="256" height="256" fill="${background}"/>`,
    `<path d="${shape}" fill="${ink}" fill-opacity="0.88" stroke="${ink}" stroke-width="3" stroke-linejoin="round"/>`,
    `<text x="128" y="238" text-anchor="middle" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="14" fill="${ink}">${escapeXml(product.title)}</text>`,
    `</svg>`,
  ].join("");
}
