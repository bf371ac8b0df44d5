// /demo/outbox/:id/html: the captured HTML part, for the outbox's sandboxed frame. The CSP sandbox keeps an
// email's markup from running scripts or reaching this origin even if opened directly. Its links open in a
// new tab outside the sandbox, as a mail client opens them: the one-tap stars must lead to the review page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "~/modules/demo";
import { getCapturedEmail } from "~/modules/mail";

export async function loader({ params }: LoaderFunctionArgs) {
  requireDemoMode();
  const email = params.id ? await getCapturedEmail(params.id) : null;
  if (!email?.html) throw new Response("Not Found", { status: 404 });
  return new Response(withLinksInNewTab(email.html), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy":
        "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}

/** A <base target="_blank"> in the head: every link of the email leaves the frame for a tab of its own. */
function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + base + html.slice(head.index + head[0].length);
  return base + html;
}
