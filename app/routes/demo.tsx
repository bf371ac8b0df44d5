// The frame around the demo-only pages (/demo, /demo/outbox). None of them exists unless demo mode is on:
// this loader and every child's loader and action answer 404 otherwise.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { forwardRef, type ComponentProps } from "react";
import { AppProvider, Banner, Page, type AppProviderProps } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import englishTranslations from "@shopify/polaris/locales/en.json";
import { requireDemoMode } from "~/modules/demo";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Kundröst demo" }];

export async function loader(_args: LoaderFunctionArgs) {
  requireDemoMode();
  return json({});
}

type PolarisLinkProps = ComponentProps<NonNullable<AppProviderProps["linkComponent"]>>;

const RemixLink = forwardRef<HTMLAnchorElement, PolarisLinkProps>(function RemixLink(
  { url, children, external, ...rest },
  ref,
) {
  if (external || /^https?:/.test(url)) {
    return (
      <a href={url} ref={ref} target={external ? "_blank" : undefined} rel="noopener noreferrer" {...rest}>
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

export default function DemoLayout() {
  return (
    <AppProvider i18n={englishTranslations} linkComponent={RemixLink}>
      <Outlet />
    </AppProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <AppProvider i18n={englishTranslations}>
      <Page title={notFound ? "Not found" : "Something went wrong"}>
        <Banner tone={notFound ? "info" : "critical"}>
          {notFound
            ? "This page only exists in demo mode. Start the app with `npm run demo`."
            : "The demo page failed. The server log has the details."}
        </Banner>
      </Page>
    </AppProvider>
  );
}
