// The frame of every shopper-facing page reached from a review email: the shop's name on its colour, the
// inlined stylesheet, and nothing from outside the app (no fonts, no Polaris). These pages are not hydrated
// (SHOPPER_PAGE_HANDLE): their only JavaScript is the small scripts of our own a page lists in `scripts`.
import type { ReactNode } from "react";
import { reviewPageCss } from "./review-page-styles";

/** A shopper route's `handle`: the root renders it without React's scripts (app/root.tsx). */
export const SHOPPER_PAGE_HANDLE = { hydrate: false } as const;

export function ShopperPage({
  shopName,
  brandColor,
  children,
  scripts = [],
}: {
  shopName: string | null;
  brandColor: string;
  children: ReactNode;
  /** Script URLs (app/shopper-scripts.server.ts), loaded deferred at the end of the page. */
  scripts?: readonly string[];
}) {
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: reviewPageCss(brandColor) }} />
      {/* No shop is named on a page for a link we could not trust: nothing about the order may leak. */}
      {shopName ? (
        <header className="rp-header">
          <p>{shopName}</p>
        </header>
      ) : null}
      <main className="rp-main">{children}</main>
      {scripts.map((src) => (
        <script key={src} src={src} defer />
      ))}
    </>
  );
}

export function MessagePanel({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="rp-message" aria-labelledby="rp-message-title">
      <h1 id="rp-message-title">{title}</h1>
      {children}
    </section>
  );
}

/** A link that is forged, unknown or expired: the shop is not named, nothing about the request is shown. */
export function LinkProblemPage({ title, body }: { title: string; body: string }) {
  return (
    <ShopperPage shopName={null} brandColor="#1f5135">
      <MessagePanel title={title}>
        <p>{body}</p>
      </MessagePanel>
    </ShopperPage>
  );
}
