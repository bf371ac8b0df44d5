// Admin route tests authenticate for real: an offline session is stored for the shop (so the embedded
// token-exchange strategy finds it and never calls Shopify), and each Request carries a session token
// signed with the app secret, exactly as App Bridge sends it.
import { randomBytes } from "node:crypto";
import { RequestType, setUpValidRequest, setUpValidSession } from "@shopify/shopify-api/test-helpers";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { LOCAL_API_KEY, LOCAL_API_SECRET, shopifyCredentials } from "~/config.server";
import { sessionStorage } from "~/shopify.server";

export const APP_URL = shopifyCredentials().appUrl;

/** A shop with its offline session stored and its Shop row (time zone) written. */
export async function installedShop(options: { timezone?: string } = {}): Promise<string> {
  const shop = `admin-${randomBytes(4).toString("hex")}.myshopify.com`;
  await sessionStorage.storeSession(setUpValidSession({ shop, expires: undefined, accessToken: "shpat_admin_test" }));
  await db.shop.create({
    data: {
      shop,
      name: "Lind & Co",
      timezone: options.timezone ?? "Europe/Stockholm",
      installedAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  return shop;
}

/** A GET as the embedded admin loads a page: ?embedded=1&shop&host&id_token=<session token>. */
export async function adminPageRequest(shop: string, path: string): Promise<Request> {
  return setUpValidRequest(
    {
      type: RequestType.Admin,
      store: shop.replace(".myshopify.com", ""),
      apiKey: LOCAL_API_KEY,
      apiSecretKey: LOCAL_API_SECRET,
    },
    new Request(`${APP_URL}${path}`),
  );
}

/** A form post as App Bridge's fetch sends it: Authorization: Bearer <session token>. */
export async function adminFormPost(shop: string, path: string, fields: Record<string, string>): Promise<Request> {
  return setUpValidRequest(
    {
      type: RequestType.Bearer,
      store: shop.replace(".myshopify.com", ""),
      apiKey: LOCAL_API_KEY,
      apiSecretKey: LOCAL_API_SECRET,
    },
    new Request(`${APP_URL}${path}`, { method: "POST", body: new URLSearchParams(fields) }),
  );
}

export function loaderArgs(request: Request, params: Record<string, string> = {}): LoaderFunctionArgs {
  return { request, params, context: {} };
}

export function actionArgs(request: Request, params: Record<string, string> = {}): ActionFunctionArgs {
  return { request, params, context: {} };
}

/** What a loader or action answered, whether it returned or threw its Response. */
export async function responseOf(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    throw new Error(`expected a Response, got ${typeof result}`);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function jsonOf<T>(run: () => Promise<unknown>): Promise<T> {
  const response = await responseOf(run);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

let sequence = 0;

export async function createOrder(shop: string, options: { name?: string; deliveredAt?: Date | null } = {}) {
  sequence += 1;
  return db.order.create({
    data: {
      shop,
      shopifyId: String(5_500_000 + sequence),
      name: options.name ?? `#${1000 + sequence}`,
      placedAt: new Date("2025-05-01T10:00:00Z"),
      fulfilledAt: new Date("2025-05-02T10:00:00Z"),
      deliveredAt: options.deliveredAt ?? null,
    },
  });
}

export async function createCustomer(shop: string, options: { firstName?: string; lastName?: string; email: string }) {
  sequence += 1;
  return db.customer.create({
    data: {
      shop,
      shopifyId: String(7_700_000 + sequence),
      email: options.email,
      firstName: options.firstName ?? null,
      lastName: options.lastName ?? null,
    },
  });
}

/** A review request the way the requests module stores it (order name and lower-cased email copied on it). */
export async function createRequest(
  shop: string,
  options: {
    status?: string;
    sendAt: Date;
    sentAt?: Date | null;
    email?: string;
    orderName?: string;
    customerId?: string;
    deliveredAt?: Date | null;
    products?: { id: string; title: string; reviewedAt?: Date }[];
  },
) {
  const order = await createOrder(shop, { name: options.orderName, deliveredAt: options.deliveredAt });
  return db.reviewRequest.create({
    data: {
      shop,
      orderId: order.id,
      orderName: order.name,
      customerId: options.customerId ?? null,
      email: options.email ?? null,
      status: options.status ?? "scheduled",
      sendAt: options.sendAt,
      sentAt: options.sentAt ?? null,
      items: {
        create: (options.products ?? [{ id: "8001", title: "Linen shirt" }]).map((product, position) => ({
          shop,
          productShopifyId: product.id,
          title: product.title,
          position,
          reviewedAt: product.reviewedAt ?? null,
        })),
      },
    },
  });
}
