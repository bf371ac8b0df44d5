// POST /webhooks/customers/data_request (shopify.app.toml): verified, recorded once, queued; the work runs in a job.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/modules/webhooks";

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, { expectedTopic: "CUSTOMERS_DATA_REQUEST" });
