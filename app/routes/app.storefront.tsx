// The storefront in the admin: which theme blocks the app brings and where they go, and the Google Shopping
// product ratings feed (its secret URL, and a button that replaces it when it has been shared too widely).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Layout, List, Page, Text, TextField } from "@shopify/polaris";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { shopifyCredentials } from "~/config.server";
import { regenerateReviewFeedToken, reviewFeedToken } from "~/modules/reviews";

const feedUrl = (token: string) => `${shopifyCredentials().appUrl}/feeds/google-reviews/${token}`;

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    return json({ feedUrl: feedUrl(await reviewFeedToken(shop)) });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const intent = z.literal("regenerate").safeParse((await request.formData()).get("intent"));
    if (!intent.success) return json({ ok: false as const }, { status: 400 });
    return json({ ok: true as const, feedUrl: feedUrl(await regenerateReviewFeedToken(shop)) });
  });
}

export default function Storefront() {
  const loaded = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const url = done?.ok ? done.feedUrl : loaded.feedUrl;
  return (
    <Page title="Storefront" subtitle="Reviews, stars and rewards in your theme, and your ratings in Google Shopping">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Theme blocks
              </Text>
              <Text as="p">In Online Store → Themes → Customize, add Kundröst&apos;s blocks:</Text>
              <List>
                <List.Item>Product reviews: on the product page, below the description.</List.Item>
                <List.Item>Star rating: under the product title, and in product cards of collections.</List.Item>
                <List.Item>Loyalty rewards: on the account page or wherever members should see their points.</List.Item>
                <List.Item>
                  Review rich snippets (App embeds): the rating Google shows under your product. Turn it off if your
                  theme already prints a rating, so the page has one.
                </List.Item>
              </List>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Google Shopping product ratings feed
              </Text>
              <Text as="p">
                Give this address to Google Merchant Center (Product ratings → Feeds). It lists your published reviews
                with the names shown in your store, never email addresses.
              </Text>
              <TextField label="Feed URL" value={url} readOnly autoComplete="off" selectTextOnFocus />
              {done?.ok ? (
                <Banner tone="success">A new address was made. The old one no longer works: update Google.</Banner>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="regenerate" />
                <Button submit loading={busy}>
                  Make a new address
                </Button>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
