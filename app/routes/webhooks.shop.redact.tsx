// POST /webhooks/shop/redact (shopify.app.toml): verified, recorded once, queued; the work runs in a job.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/modules/webhooks";

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, { expectedTopic: "SHOP_REDACT" });
