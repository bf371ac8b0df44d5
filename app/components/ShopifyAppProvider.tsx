// Polaris' AppProvider plus, inside Shopify, the App Bridge script: the job of shopify-app-remix's
// AppProvider. We cannot use that component: its ESM build imports Polaris' en.json with an import
// attribute (`with { type: "json" }`) that the Remix classic compiler's esbuild (0.17) cannot parse.
// https://shopify.dev/docs/api/app-bridge-library#getting-started
import { forwardRef, useEffect, type ComponentProps, type ReactNode } from "react";
import { Link, useNavigate } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, type AppProviderProps as PolarisAppProviderProps } from "@shopify/polaris";

type LinkLikeComponentProps = ComponentProps<NonNullable<PolarisAppProviderProps["linkComponent"]>>;

export const APP_BRIDGE_SCRIPT_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

const RemixPolarisLink = forwardRef<HTMLAnchorElement, LinkLikeComponentProps>(function RemixPolarisLink(
  { url, children, external, ...rest },
  ref,
) {
  if (external) {
    return (
      <a href={url} ref={ref} target="_blank" rel="noopener noreferrer" {...rest}>
        {children}
      </a>
    );
  }
  return (
    <Link to={url} ref={ref} {...rest}>
      {children}
    </Link>
  );
});

export function ShopifyAppProvider({
  apiKey,
  isEmbeddedApp,
  i18n,
  children,
}: {
  apiKey: string;
  isEmbeddedApp: boolean;
  i18n: PolarisAppProviderProps["i18n"];
  children: ReactNode;
}) {
  const navigate = useNavigate();
  // App Bridge's <NavMenu> links dispatch `shopify:navigate`; following them with Remix keeps navigation
  // inside the app without a full reload of the iframe.
  useEffect(() => {
    if (!isEmbeddedApp) return;
    const follow = (event: Event) => {
      const href = (event.target as Element | null)?.getAttribute("href");
      if (href) navigate(href);
    };
    addEventListener("shopify:navigate", follow);
    return () => removeEventListener("shopify:navigate", follow);
  }, [isEmbeddedApp, navigate]);
  return (
    <>
      {isEmbeddedApp ? <script src={APP_BRIDGE_SCRIPT_URL} data-api-key={apiKey} /> : null}
      <PolarisAppProvider i18n={i18n} linkComponent={RemixPolarisLink}>
        {children}
      </PolarisAppProvider>
    </>
  );
}
