// Loyalty settings: how members earn (orders, reviews, photos, sign-up, birthday), the anti-farming cap, expiry,
// and up to four VIP tiers. Points never depend on a review's rating or what it says (FTC rule), so there is no
// setting for that.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineGrid,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { getLoyaltyProgram, MAX_TIERS, saveLoyaltyProgram } from "~/modules/loyalty";
import { formOf, programOf } from "./program-form";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    return json({ form: formOf(await getLoyaltyProgram(shop)) });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const posted = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
    const result = await saveLoyaltyProgram(shop, programOf(posted));
    return json(
      result.ok
        ? { ok: true as const, fieldErrors: {} as Record<string, string> }
        : { ok: false as const, fieldErrors: result.fieldErrors },
      { status: result.ok ? 200 : 422 },
    );
  });
}

const NUMBER_FIELDS: [string, string, string][] = [
  ["pointsPerCurrencyUnit", "Points per unit of currency", "On paid orders, after discounts."],
  [
    "returnWindowDays",
    "Return window (days)",
    "Order points stay pending this long; refunds take them back in proportion.",
  ],
  ["reviewPoints", "Points for a review", "Verified purchases only; pending until the review is published."],
  ["photoBonusPoints", "Bonus for photos or video", "Added when the review carries a photo or video."],
  ["signupPoints", "Points for creating an account", ""],
  ["birthdayPoints", "Birthday points", "Once a year; not for a birthday set in the last 30 days."],
  ["dailyCapPoints", "Daily cap on review points", "Against farming. One review credit per product and customer."],
  [
    "expiryDays",
    "Points expire after (days without activity)",
    "Leave empty for never. Members are emailed 30 and 7 days before.",
  ],
];

export default function LoyaltySettings() {
  const { form } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [values, setValues] = useState(form);
  const set = (name: string) => (value: string | boolean) => setValues((v) => ({ ...v, [name]: String(value) }));
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const tierError = (i: number, field: string) => errors[`tiers.${i}.${field}`];
  return (
    <Page title="Earning rules and tiers" backAction={{ content: "Loyalty", url: "/app/loyalty" }}>
      <Form method="post">
        {Object.entries(values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Layout>
          <Layout.Section>
            {result?.ok ? <Banner tone="success">Saved.</Banner> : null}
            {result && !result.ok ? (
              <Banner tone="critical">{errors.tiers ?? errors.form ?? "Some fields need attention."}</Banner>
            ) : null}
          </Layout.Section>
          <Layout.AnnotatedSection
            title="Earning"
            description="Points for reviews never depend on the rating or on what the review says: members earn for an honest review."
          >
            <Card>
              <FormLayout>
                <Checkbox label="Loyalty programme on" checked={values.enabled === "true"} onChange={set("enabled")} />
                <InlineGrid columns={2} gap="300">
                  {NUMBER_FIELDS.map(([name, label, help]) => (
                    <TextField
                      key={name}
                      label={label}
                      type="number"
                      value={values[name]}
                      onChange={set(name)}
                      helpText={help}
                      error={errors[name]}
                      autoComplete="off"
                    />
                  ))}
                </InlineGrid>
                <Checkbox
                  label="Count shipping towards order points"
                  checked={values.includeShipping === "true"}
                  onChange={set("includeShipping")}
                />
                <Checkbox
                  label="Count tax towards order points"
                  checked={values.includeTax === "true"}
                  onChange={set("includeTax")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            title="VIP tiers"
            description="Up to four. Reached by points earned or amount spent; spending points never moves a member down. Each tier multiplies order points."
          >
            <Card>
              <BlockStack gap="300">
                <InlineGrid columns={2} gap="300">
                  <Select
                    label="Tiers are reached by"
                    options={[
                      { label: "Points earned", value: "points" },
                      { label: "Amount spent (whole units)", value: "spend" },
                    ]}
                    value={values.tierBasis}
                    onChange={set("tierBasis")}
                  />
                  <Select
                    label="Counted over"
                    options={[
                      { label: "The last 12 months", value: "rolling12" },
                      { label: "The calendar year", value: "calendar" },
                    ]}
                    value={values.tierWindow}
                    onChange={set("tierWindow")}
                  />
                </InlineGrid>
                {Array.from({ length: MAX_TIERS }, (_, i) => (
                  <InlineGrid key={i} columns={3} gap="300">
                    <TextField
                      label={`Tier ${i + 1} name`}
                      value={values[`tier${i}Name`]}
                      onChange={set(`tier${i}Name`)}
                      autoComplete="off"
                      error={tierError(i, "name") ?? tierError(i, "key")}
                    />
                    <TextField
                      label="Threshold"
                      type="number"
                      value={values[`tier${i}Threshold`]}
                      onChange={set(`tier${i}Threshold`)}
                      autoComplete="off"
                      error={tierError(i, "threshold")}
                    />
                    <TextField
                      label="Points multiplier"
                      type="number"
                      step={0.05}
                      value={values[`tier${i}Multiplier`]}
                      onChange={set(`tier${i}Multiplier`)}
                      autoComplete="off"
                      error={tierError(i, "multiplier")}
                    />
                  </InlineGrid>
                ))}
                <Text as="p" tone="subdued" variant="bodySm">
                  Leave a name empty to have fewer tiers. Members start as “Member”.
                </Text>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <Button submit variant="primary" loading={saving}>
              Save
            </Button>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
