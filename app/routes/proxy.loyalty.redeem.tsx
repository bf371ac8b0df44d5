// POST /apps/kundrost/loyalty/redeem (through the app proxy): redeem a reward for the logged-in member.
// `request_id` is made once per click by the storefront and sent again on a retry, so one click is one code.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { adminGraphqlForShop } from "~/admin-auth.server";
import { authenticateAppProxy, overProxyLimit, shopperAddress } from "~/modules/app-proxy";
import { redeemReward } from "~/modules/loyalty";

const PRIVATE = { "Cache-Control": "private, no-store" };
const RedeemForm = z.object({
  reward_id: z.string().regex(/^[\w-]{1,64}$/),
  request_id: z.string().regex(/^[\w-]{8,64}$/),
});

export async function loader() {
  return json({ error: "Redeem with a POST." }, { status: 405, headers: { Allow: "POST", ...PRIVATE } });
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, loggedInCustomerId } = await authenticateAppProxy(request);
  if (overProxyLimit("write", shop, shopperAddress(request)))
    return json({ error: "Too many requests. Wait a minute and try again." }, { status: 429, headers: PRIVATE });
  if (request.method !== "POST") return json({ error: "Redeem with a POST." }, { status: 405, headers: PRIVATE });
  if (!loggedInCustomerId) return json({ error: "Log in to redeem your points." }, { status: 401, headers: PRIVATE });
  const form = RedeemForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success)
    return json({ error: "This page has expired. Reload it and try again." }, { status: 400, headers: PRIVATE });
  const result = await redeemReward(
    shop,
    { customerId: loggedInCustomerId, rewardId: form.data.reward_id, requestId: form.data.request_id },
    await adminGraphqlForShop(shop),
  );
  const status =
    result.status === "refused"
      ? result.reason === "bad_request"
        ? 400
        : 422
      : result.status === "pending"
        ? 202
        : 200;
  return json(result, { status, headers: PRIVATE });
}
