// GET /apps/kundrost/loyalty (through the app proxy): the logged-in member's balance, tier and progress,
// history, rewards and codes, as JSON for the storefront's loyalty panel. The signature is checked first;
// logged_in_customer_id is trusted only after it. A shopper who is not logged in gets the programme's
// rules (what they could earn), nothing personal.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticateAppProxy, overProxyLimit, shopperAddress } from "~/modules/app-proxy";
import { memberPanel } from "~/modules/loyalty";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, loggedInCustomerId } = await authenticateAppProxy(request);
  if (overProxyLimit("read", shop, shopperAddress(request)))
    return json({ error: "Too many requests. Wait a minute and try again." }, { status: 429, headers: PRIVATE });
  if (!loggedInCustomerId) {
    const { enabled, rewards, earning } = await memberPanel(shop, "0");
    return json({ loggedIn: false, enabled, rewards, earning, member: null }, { headers: PRIVATE });
  }
  const panel = await memberPanel(shop, loggedInCustomerId);
  return json({ loggedIn: true, ...panel }, { headers: PRIVATE });
}
