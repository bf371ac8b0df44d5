// The admin frame and the doors into it: who gets in, where everyone else is sent, and what a merchant
// sees when something breaks.
import { getJwt } from "@shopify/shopify-api/test-helpers";
import swedishTranslations from "@shopify/polaris/locales/sv.json";
import { loader as frameLoader } from "~/routes/app";
import { loader as landingLoader } from "~/routes/_index";
import { action as loginAction, loader as loginLoader } from "~/routes/auth.login/route";
import { adminRoute } from "~/admin-route.server";
import { LOCAL_API_KEY, LOCAL_API_SECRET } from "~/config.server";
import { APP_URL, adminPageRequest, installedShop, jsonOf, loaderArgs, responseOf } from "./support";

describe("the embedded admin frame", () => {
  it("opens for a merchant with a valid session token, embedded, with the app's API key for App Bridge", async () => {
    const shop = await installedShop();
    const frame = await jsonOf<{ apiKey: string; embedded: boolean; shop: string; locale: string }>(async () =>
      frameLoader(loaderArgs(await adminPageRequest(shop, "/app"))),
    );
    expect(frame).toMatchObject({ apiKey: LOCAL_API_KEY, embedded: true, shop, locale: "en" });
    // Polaris' words travel in the page's script, not in every page's data.
    expect(frame).not.toHaveProperty("polarisTranslations");
  });

  it("speaks Swedish in Polaris' own texts when the Shopify admin is in Swedish", async () => {
    const shop = await installedShop();
    const request = await adminPageRequest(shop, "/app?locale=sv-SE");
    const frame = await jsonOf<{ locale: string }>(() => frameLoader(loaderArgs(request)));
    expect(frame.locale).toBe("sv");
    expect(swedishTranslations.Polaris.Common.cancel).toBe("Avbryt");
  });

  it("sends a visitor without a shop or session token to the login page", async () => {
    const response = await responseOf(() => frameLoader(loaderArgs(new Request(`${APP_URL}/app`))));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/auth/login");
  });

  it("refuses a session token signed with another app's secret", async () => {
    const shop = await installedShop();
    const { token } = await getJwt(shop.replace(".myshopify.com", ""), LOCAL_API_KEY, "not-our-secret");
    const forged = new Request(`${APP_URL}/app`, { headers: { Authorization: `Bearer ${token}` } });
    const response = await responseOf(() => frameLoader(loaderArgs(forged)));
    expect(response.status).toBe(401);
  });

  it("refuses a session token issued for another app", async () => {
    const shop = await installedShop();
    const { token } = await getJwt(shop.replace(".myshopify.com", ""), "someone-elses-api-key", LOCAL_API_SECRET);
    const response = await responseOf(() =>
      frameLoader(loaderArgs(new Request(`${APP_URL}/app`, { headers: { Authorization: `Bearer ${token}` } }))),
    );
    expect(response.status).toBe(401);
  });
});

describe("the front door", () => {
  it("takes Shopify's ?shop= launch straight to the admin, keeping the query", async () => {
    const response = await responseOf(() =>
      landingLoader(loaderArgs(new Request(`${APP_URL}/?shop=lind-co.myshopify.com&host=abc`))),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/app?shop=lind-co.myshopify.com&host=abc");
  });

  it("shows the login form to anyone else", async () => {
    const landing = await jsonOf<{ polarisTranslations: object }>(() =>
      landingLoader(loaderArgs(new Request(`${APP_URL}/`))),
    );
    expect(landing.polarisTranslations).toHaveProperty("Polaris");
  });

  it("tells a merchant who typed nothing or something that is not a shop domain what to enter", async () => {
    const empty = await jsonOf<{ errors: { shop?: string } }>(() =>
      loginAction(
        loaderArgs(new Request(`${APP_URL}/auth/login`, { method: "POST", body: new URLSearchParams({ shop: "" }) })),
      ),
    );
    expect(empty.errors.shop).toBe("Enter your shop domain to log in.");
    const invalid = await jsonOf<{ errors: { shop?: string } }>(() =>
      loginAction(
        loaderArgs(
          new Request(`${APP_URL}/auth/login`, { method: "POST", body: new URLSearchParams({ shop: "not a shop!" }) }),
        ),
      ),
    );
    expect(invalid.errors.shop).toMatch(/myshopify\.com/);
  });

  it("sends a merchant with a valid shop domain to Shopify to install or open the app", async () => {
    const response = await responseOf(() =>
      loginLoader(loaderArgs(new Request(`${APP_URL}/auth/login?shop=lind-co.myshopify.com`))),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      `https://admin.shopify.com/store/lind-co/oauth/install?client_id=${LOCAL_API_KEY}`,
    );
  });
});

describe("when an admin screen breaks", () => {
  it("answers 500 with a title, what to try and a reference id, and no stack trace or error text", async () => {
    const response = await responseOf(() =>
      adminRoute(new Request(`${APP_URL}/app/requests`), async () => {
        throw new Error("SQLITE_BUSY: database is locked at /srv/data/kundrost.sqlite");
      }),
    );
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({
      merchantError: true,
      title: "This page could not be loaded",
      reference: expect.stringMatching(/^[0-9a-f]{10}$/),
    });
    expect(body).not.toMatch(/SQLITE|kundrost\.sqlite|at \//);
  });

  it("lets Shopify's own auth responses through untouched", async () => {
    const bounce = new Response(null, { status: 302, headers: { Location: "/auth/session-token" } });
    const response = await responseOf(() =>
      adminRoute(new Request(`${APP_URL}/app`), async () => {
        throw bounce;
      }),
    );
    expect(response).toBe(bounce);
  });
});
