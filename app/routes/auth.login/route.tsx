// The login page for merchants who open the app outside the Shopify admin: they type their shop domain and
// are sent to Shopify to install or open the app. Demo mode has no Shopify to log in to: it goes to /app.
import { useState } from "react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import englishTranslations from "@shopify/polaris/locales/en.json";
import { isDemoMode } from "~/config.server";
import { login } from "~/shopify.server";
import { loginErrorMessages } from "./login-errors.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (isDemoMode()) throw redirect("/app");
  const errors = loginErrorMessages(await login(request));
  return json({ errors, polarisTranslations: englishTranslations });
}

export async function action({ request }: ActionFunctionArgs) {
  if (isDemoMode()) throw redirect("/app");
  const errors = loginErrorMessages(await login(request));
  return json({ errors });
}

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const errors = actionData?.errors ?? loaderData.errors;
  return (
    <PolarisAppProvider i18n={loaderData.polarisTranslations}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h1">
                Log in to Kundröst
              </Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={errors.shop}
              />
              <Button submit variant="primary">
                Log in
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </PolarisAppProvider>
  );
}
