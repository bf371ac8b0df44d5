// The two pages behind the weekly digest's links (confirm an invitation, unsubscribe): who the link is for and one
// button that acts on a POST, then what happened, in the reader's language. Plain HTML, no JavaScript: the form has
// no action, so it posts to the page's own address, signed token and all.
import { MessagePanel, ShopperPage } from "~/components/review-page/ShopperPage";
import type { DigestLinkPageView } from "~/modules/voc";

export function DigestLinkPage({ view }: { view: DigestLinkPageView }) {
  return (
    <ShopperPage shopName={view.shopName} brandColor="#1f5135">
      <MessagePanel title={view.title}>
        <p>{view.body}</p>
        {view.state === "ask" && view.button ? (
          <form method="post">
            <button type="submit" className="rp-submit">
              {view.button}
            </button>
          </form>
        ) : null}
      </MessagePanel>
    </ShopperPage>
  );
}
