// POST /apps/kundrost/reviews/<id>/vote (through the app proxy): "this review was helpful". One vote per
// visitor (the logged-in customer, else the storefront's anonymous visitor id) and review; rate-limited.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticateAppProxy } from "~/modules/app-proxy";
import { receiveStorefrontSignal } from "~/modules/reviews";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader() {
  return json({ error: "Vote with a POST." }, { status: 405, headers: { Allow: "POST", ...PRIVATE } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const proxy = await authenticateAppProxy(request);
  const { body, status } = await receiveStorefrontSignal("helpful", proxy, request, params.id ?? "");
  return json(body, { status, headers: PRIVATE });
}
