// POST /apps/kundrost/reviews/<id>/report (through the app proxy): a shopper reports a published review with a
// reason; enough reports put it back in the merchant's queue. One report per visitor and review; rate-limited.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticateAppProxy } from "~/modules/app-proxy";
import { receiveStorefrontSignal } from "~/modules/reviews";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader() {
  return json({ error: "Report with a POST." }, { status: 405, headers: { Allow: "POST", ...PRIVATE } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const proxy = await authenticateAppProxy(request);
  const { body, status } = await receiveStorefrontSignal("report", proxy, request, params.id ?? "");
  return json(body, { status, headers: PRIVATE });
}
