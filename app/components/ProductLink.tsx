// A product's name wherever the admin shows it links to the product's reviews page (the Products screen).
import { Link as RemixLink } from "@remix-run/react";
import type { ReactNode } from "react";

/** The admin page of a product's reviews; Shopify ids may arrive as gids or bare numbers. */
export function productPath(productShopifyId: string): string {
  const match = /(\d+)$/.exec(productShopifyId.trim());
  return `/app/products/${match ? match[1] : encodeURIComponent(productShopifyId)}`;
}

export function ProductLink({ productShopifyId, children }: { productShopifyId: string; children: ReactNode }) {
  return <RemixLink to={productPath(productShopifyId)}>{children}</RemixLink>;
}
