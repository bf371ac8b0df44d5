// /digest/unsubscribe?t=<signed link>: every weekly digest's way out, and its List-Unsubscribe one-click target
// (RFC 8058).
// GET asks, POST acts, so a mail scanner that opens the link changes nothing. Public: the signed token is the key.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DigestLinkPage } from "~/components/DigestLinkPage";
import { SHOPPER_PAGE_HANDLE } from "~/components/review-page/ShopperPage";
import { digestLinkPage } from "~/modules/voc";

const HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" };

async function answer(request: Request, act: boolean) {
  const view = await digestLinkPage("unsubscribe", request, act);
  return json(view, { status: view.status, headers: HEADERS });
}

export const loader = ({ request }: LoaderFunctionArgs) => answer(request, false);
export const action = ({ request }: ActionFunctionArgs) => answer(request, true);

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: data.title }, { name: "robots", content: "noindex, nofollow" }] : [];

// Server-rendered only: no React in the browser (app/root.tsx).
export const handle = SHOPPER_PAGE_HANDLE;

export default function DigestUnsubscribePage() {
  const asked = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return <DigestLinkPage view={done ?? asked} />;
}
