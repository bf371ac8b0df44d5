// POST /apps/kundrost/loyalty/birthday (through the app proxy): the logged-in member sets their birthday
// (month and day). Birthday points come once a year, not for a birthday set in the last 30 days.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticateAppProxy, overProxyLimit, shopperAddress } from "~/modules/app-proxy";
import { setMemberBirthday } from "~/modules/loyalty";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function action({ request }: ActionFunctionArgs) {
  const { shop, loggedInCustomerId } = await authenticateAppProxy(request);
  if (overProxyLimit("write", shop, shopperAddress(request)))
    return json({ error: "Too many requests. Wait a minute and try again." }, { status: 429, headers: PRIVATE });
  if (!loggedInCustomerId) return json({ error: "Log in to add your birthday." }, { status: 401, headers: PRIVATE });
  const value = (await request.formData()).get("birthday");
  const result = await setMemberBirthday(shop, loggedInCustomerId, typeof value === "string" ? value : "");
  return json(result, { status: result.ok ? 200 : 400, headers: PRIVATE });
}
