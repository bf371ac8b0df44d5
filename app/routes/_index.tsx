// The app's front door. Shopify opens the app URL with ?shop=...: that goes straight to the admin (/app),
// which authenticates. Anyone else sees what Kundröst is and a login form; demo mode goes to the demo admin.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import {
  AppProvider as PolarisAppProvider,
  BlockStack,
  Button,
  Card,
  FormLayout,
  List,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import englishTranslations from "@shopify/polaris/locales/en.json";
import { useState } from "react";
import { isDemoMode } from "~/config.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (isDemoMode()) throw redirect("/app");
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return json({ polarisTranslations: englishTranslations });
}

export default function Landing() {
  const { polarisTranslations } = useLoaderData<typeof loader>();
  const [shop, setShop] = useState("");
  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page narrowWidth>
        <BlockStack gap="400">
          <Text as="h1" variant="headingXl">
            Kundröst
          </Text>
          <Text as="p" variant="bodyLg">
            Product reviews collected after delivery, loyalty points for your regulars, and what your customers say
            about each product, topic by topic.
          </Text>
          <List>
            <List.Item>Review requests sent at the right moment, in your customer&apos;s language.</List.Item>
            <List.Item>Verified-buyer reviews with photos, straight from the email.</List.Item>
            <List.Item>Sentiment per topic: fit, quality, delivery, and more.</List.Item>
          </List>
          <Card>
            <Form method="post" action="/auth/login">
              <FormLayout>
                <TextField
                  type="text"
                  name="shop"
                  label="Shop domain"
                  helpText="example.myshopify.com"
                  value={shop}
                  onChange={setShop}
                  autoComplete="on"
                />
                <Button submit variant="primary">
                  Log in
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </BlockStack>
      </Page>
    </PolarisAppProvider>
  );
}
