// Plain anchors that navigate like Remix's <Link>: one click handler on a container instead of a router-aware
// component per link. Lists that render many links per page (the Reviews list: two a row, fifty rows, rendered on
// the server at every load) use it, in the capture phase (`onClickCapture`): the click is the anchor's alone, so
// a table row that follows its own primary link on a click anywhere in it (Polaris' IndexTable.Row) does not send
// a click on another link in the row there instead. A click with a modifier key, on another origin, a download or
// another target is left to the browser, as <Link> leaves it.
import { useCallback, type MouseEvent } from "react";
import { useNavigate } from "@remix-run/react";

export function useInAppLinks(): (event: MouseEvent) => void {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent) => {
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return;
      event.stopPropagation();
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      if (anchor.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(`${anchor.pathname}${anchor.search}${anchor.hash}`);
    },
    [navigate],
  );
}
