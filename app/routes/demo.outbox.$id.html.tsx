// /demo/outbox/:id/html: the captured HTML part, for the outbox's sandboxed frame. The CSP sandbox keeps an
// email's markup from running scripts or reaching this origin even if opened directly.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireDemoMode } from "~/modules/demo/demo-mode.server";
import { getCapturedEmail } from "~/modules/mail";

export async function loader({ params }: LoaderFunctionArgs) {
  requireDemoMode();
  const email = params.id ? await getCapturedEmail(params.id) : null;
  if (!email?.html) throw new Response("Not Found", { status: 404 });
  return new Response(email.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
