// The frame of every shopper-facing page reached from a review email: the shop's name on its colour, the
// inlined stylesheet, and nothing from outside the app (no fonts, no scripts, no Polaris).
import type { ReactNode } from "react";
import { reviewPageCss } from "./review-page-styles";

export function ShopperPage({
  shopName,
  brandColor,
  children,
}: {
  shopName: string | null;
  brandColor: string;
  children: ReactNode;
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
