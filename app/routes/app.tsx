// The admin frame around every /app screen. Inside Shopify: App Bridge (loaded from cdn.shopify.com by
// ShopifyAppProvider) draws the navigation in the admin's sidebar from <NavMenu>. In demo mode
// there is no Shopify around the app and the App Bridge script cannot load, so the same sections are a
// visible Polaris navigation in a Polaris Frame.
// https://shopify.dev/docs/api/app-bridge-library/react-components/navmenu
import { useCallback, useState } from "react";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation, type ShouldRevalidateFunction } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider as PolarisAppProvider, Banner, Box, Frame, Navigation, TopBar } from "@shopify/polaris";
import {
  ChartHistogramGrowthIcon,
  EmailIcon,
  EmailNewsletterIcon,
  ExportIcon,
  GiftCardIcon,
  HomeIcon,
  ImportIcon,
  ProductIcon,
  StoreIcon,
  SettingsIcon,
  StarIcon,
} from "@shopify/polaris-icons";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import englishTranslations from "@shopify/polaris/locales/en.json";
import swedishTranslations from "@shopify/polaris/locales/sv.json";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { shopifyCredentials } from "~/config.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { AdminToastProvider } from "~/components/AdminToast";
import { ShopifyAppProvider } from "~/components/ShopifyAppProvider";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

/** The admin's sections, in menu order. A screen that lands adds its line here. */
const SECTIONS = [
  { label: "Home", url: "/app", icon: HomeIcon, exactMatch: true },
  { label: "Requests", url: "/app/requests", icon: EmailIcon },
  { label: "Reviews", url: "/app/reviews", icon: StarIcon },
  { label: "Products", url: "/app/products", icon: ProductIcon },
  { label: "Insights", url: "/app/insights", icon: ChartHistogramGrowthIcon },
  { label: "Weekly digest", url: "/app/digest", icon: EmailNewsletterIcon },
  { label: "Loyalty", url: "/app/loyalty", icon: GiftCardIcon },
  { label: "Storefront", url: "/app/storefront", icon: StoreIcon },
  { label: "Import & export", url: "/app/imports", icon: ImportIcon },
  { label: "Privacy exports", url: "/app/privacy", icon: ExportIcon },
  { label: "Settings", url: "/app/settings", icon: SettingsIcon },
] as const;

/**
 * Polaris speaks the merchant's admin language where we have it: Shopify adds `locale` to the app URL
 * (https://shopify.dev/docs/apps/build/localize-your-app); without it (demo mode) the browser's language.
 */
function polarisLocale(request: Request): "sv" | "en" {
  const fromShopify = new URL(request.url).searchParams.get("locale");
  const wanted = fromShopify ?? request.headers.get("accept-language") ?? "en";
  return /^sv\b/i.test(wanted.trim()) ? "sv" : "en";
}

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop, embedded } = await authenticateAdmin(request);
    const locale = polarisLocale(request);
    // The translations themselves are in the page's script (cached by the browser), not in every page's data.
    return json({ apiKey: shopifyCredentials().apiKey, embedded, shop, locale });
  });
}

// Nothing in the frame changes while the merchant works, so child navigations do not re-run this loader.
export const shouldRevalidate: ShouldRevalidateFunction = () => false;

// The word mark in the demo's top bar, drawn inline so the demo needs no asset or network.
const DEMO_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="132" height="28" viewBox="0 0 132 28">' +
    '<text x="0" y="21" font-family="-apple-system,Segoe UI,Roboto,sans-serif" font-size="20" font-weight="650" fill="#ffffff">Kundröst</text>' +
    "</svg>",
)}`;

function DemoFrame({ shop, children }: { shop: string; children: React.ReactNode }) {
  const location = useLocation();
  const [mobileNavigationActive, setMobileNavigationActive] = useState(false);
  const [userMenuOpen, setUserMenuOpen] = useState(false);
  const toggleMobileNavigation = useCallback(() => setMobileNavigationActive((active) => !active), []);
  const navigation = (
    <Navigation location={location.pathname}>
      <Navigation.Section
        title="Kundröst"
        items={SECTIONS.map((section) => ({
          label: section.label,
          url: section.url,
          icon: section.icon,
          exactMatch: "exactMatch" in section ? section.exactMatch : undefined,
          onClick: () => setMobileNavigationActive(false),
        }))}
      />
    </Navigation>
  );
  return (
    <Frame
      logo={{ topBarSource: DEMO_LOGO, width: 132, url: "/app", accessibilityLabel: "Kundröst" }}
      topBar={
        <TopBar
          showNavigationToggle
          onNavigationToggle={toggleMobileNavigation}
          userMenu={
            <TopBar.UserMenu
              name="Demo shop"
              detail={shop}
              initials="D"
              open={userMenuOpen}
              onToggle={() => setUserMenuOpen((open) => !open)}
              actions={[
                {
                  items: [
                    { content: "Demo controls", url: "/demo" },
                    { content: "Outbox", url: "/demo/outbox" },
                  ],
                },
              ]}
            />
          }
        />
      }
      navigation={navigation}
      showMobileNavigation={mobileNavigationActive}
      onNavigationDismiss={toggleMobileNavigation}
    >
      <Box paddingBlockStart="400" paddingInline="400">
        <Banner tone="info" title={`Demo mode: ${shop}`}>
          This admin runs without Shopify: the shop, orders and customers are seeded, Admin API calls go to a local
          stand-in and emails are captured in the outbox (top right menu).
        </Banner>
      </Box>
      {children}
    </Frame>
  );
}

export default function AdminFrame() {
  const { apiKey, embedded, shop, locale } = useLoaderData<typeof loader>();
  const polarisTranslations = locale === "sv" ? swedishTranslations : englishTranslations;
  if (!embedded) {
    return (
      <ShopifyAppProvider isEmbeddedApp={false} apiKey={apiKey} i18n={polarisTranslations}>
        <DemoFrame shop={shop}>
          {/* Polaris toasts live inside the Frame. */}
          <AdminToastProvider embedded={false}>
            <Outlet />
          </AdminToastProvider>
        </DemoFrame>
      </ShopifyAppProvider>
    );
  }
  return (
    <ShopifyAppProvider isEmbeddedApp apiKey={apiKey} i18n={polarisTranslations}>
      <NavMenu>
        {SECTIONS.map((section) =>
          section.url === "/app" ? (
            <Link key={section.url} to={section.url} rel="home">
              {section.label}
            </Link>
          ) : (
            <Link key={section.url} to={section.url}>
              {section.label}
            </Link>
          ),
        )}
      </NavMenu>
      <AdminToastProvider embedded>
        <Outlet />
      </AdminToastProvider>
    </ShopifyAppProvider>
  );
}

// The frame itself failed (its loader threw): render the message inside a bare Polaris provider, since
// AdminFrame did not render. Shopify's auth responses are rendered by boundary.error inside.
export function ErrorBoundary() {
  return (
    <PolarisAppProvider i18n={englishTranslations}>
      <AdminRouteErrorBoundary />
    </PolarisAppProvider>
  );
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
