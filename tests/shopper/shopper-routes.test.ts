// Shopper pages are plain server-rendered HTML: every route a shopper reaches from an email (the review page and
// its thanks, unsubscribe and not-arrived pages, the reply email's pages, the digest's confirm and unsubscribe
// pages) says so with SHOPPER_PAGE_HANDLE, so the root renders it without React's scripts (app/root.tsx).
import { readdirSync } from "node:fs";
import path from "node:path";
import { SHOPPER_PAGE_HANDLE } from "~/components/review-page/ShopperPage";
import { isShopperPath } from "~/security-headers.server";

const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");

/** The URL path a flat route file answers, with its params filled in (enough to ask isShopperPath). */
function samplePath(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => segment.replace(/_$/, "").replace(/^\$.*/, "x"));
  return `/${segments.join("/")}`;
}

const shopperRoutes = readdirSync(ROUTES).filter((file) => /\.tsx$/.test(file) && isShopperPath(samplePath(file)));

describe("shopper routes", () => {
  it("are found: the review page, its side pages, the reply email's pages and the digest's link pages", () => {
    expect(shopperRoutes).toEqual(
      expect.arrayContaining([
        "r.$token._index.tsx",
        "r.$token.thanks.tsx",
        "r.$token_.not-arrived.tsx",
        "r.$token_.unsubscribe.tsx",
        "rv.$token._index.tsx",
        "rv.$token_.unsubscribe.tsx",
        "digest.$purpose.tsx",
      ]),
    );
  });

  it.each(shopperRoutes)("%s is rendered on the server only (no hydration)", async (file) => {
    const route = (await import(path.join(ROUTES, file))) as { handle?: unknown };
    expect(route.handle).toBe(SHOPPER_PAGE_HANDLE);
  });
});
