// The weekly digest's two link pages, /digest/<purpose>?t=<signed link>:
// - confirm: the invitation; its owner confirms the address (double opt-in);
// - unsubscribe: every digest's way out, and its List-Unsubscribe one-click target (RFC 8058).
// Any other purpose is not found. GET asks, POST acts, so a mail scanner that opens the link changes nothing.
// Public: the signed token is the key (and a token signed for one purpose does not open the other).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DigestLinkPage } from "~/components/DigestLinkPage";
import { SHOPPER_PAGE_HANDLE } from "~/components/review-page/ShopperPage";
import { digestLinkPage } from "~/modules/voc";

const HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" };
const PURPOSES = ["confirm", "unsubscribe"] as const;

async function answer({ request, params }: LoaderFunctionArgs, act: boolean) {
  const purpose = PURPOSES.find((known) => known === params.purpose);
  if (!purpose) throw new Response("Not Found", { status: 404, headers: HEADERS });
  const view = await digestLinkPage(purpose, request, act);
  return json(view, { status: view.status, headers: HEADERS });
}

export const loader = (args: LoaderFunctionArgs) => answer(args, false);
export const action = (args: ActionFunctionArgs) => answer(args, true);

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: data.title }, { name: "robots", content: "noindex, nofollow" }] : [];

// Server-rendered only: no React in the browser (app/root.tsx).
export const handle = SHOPPER_PAGE_HANDLE;

export default function DigestLinkRoute() {
  const asked = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return <DigestLinkPage view={done ?? asked} />;
}
