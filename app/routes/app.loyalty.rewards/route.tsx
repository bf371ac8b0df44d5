// Rewards members redeem points for: a fixed amount off, a percentage off or free shipping, with an optional
// minimum order and code expiry. Each redemption becomes a single-use code only that member can use.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineGrid,
  InlineStack,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { MainAndSide } from "~/components/MainAndSide";
import { useState } from "react";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { rewardsForAdmin, saveReward, setRewardActive } from "~/modules/loyalty";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    return json(await rewardsForAdmin(shop));
  });
}

const Toggle = z.object({
  intent: z.literal("toggle"),
  rewardId: z.string().regex(/^[\w-]{1,64}$/),
  active: z.enum(["true", "false"]),
});

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const form = Object.fromEntries(await request.formData());
    const toggle = Toggle.safeParse(form);
    if (toggle.success) {
      const done = await setRewardActive(shop, toggle.data.rewardId, toggle.data.active === "true");
      return json(
        { ok: done, fieldErrors: done ? {} : { form: "That reward no longer exists." } },
        { status: done ? 200 : 404 },
      );
    }
    const saved = await saveReward(shop, form);
    return json(
      saved.ok
        ? { ok: true, fieldErrors: {} as Record<string, string> }
        : { ok: false, fieldErrors: saved.fieldErrors },
      { status: saved.ok ? 200 : 422 },
    );
  });
}

const EMPTY = {
  name: "",
  kind: "fixed_amount",
  pointsCost: "",
  amount: "",
  percentage: "",
  minimumSubtotal: "",
  codeExpiryDays: "",
};

export default function Rewards() {
  const { rewards, currency } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [values, setValues] = useState(EMPTY);
  const set = (name: keyof typeof EMPTY) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <Page title="Rewards" backAction={{ content: "Loyalty", url: "/app/loyalty" }}>
      <MainAndSide
        main={
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Offered rewards
              </Text>
              {rewards.length === 0 ? (
                <Text as="p" tone="subdued">
                  No rewards yet: members can earn but not redeem.
                </Text>
              ) : null}
              {rewards.map((r) => (
                <InlineStack key={r.id} align="space-between" blockAlign="center">
                  <BlockStack gap="050">
                    <InlineStack gap="200">
                      <Text as="span" fontWeight="semibold">
                        {r.name}
                      </Text>
                      {r.active ? <Badge tone="success">Offered</Badge> : <Badge>Withdrawn</Badge>}
                    </InlineStack>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {`${r.pointsCost.toLocaleString("en")} points · ${r.description}${r.codeExpiryDays ? ` · code valid ${r.codeExpiryDays} days` : ""}`}
                    </Text>
                  </BlockStack>
                  <Form method="post">
                    <input type="hidden" name="intent" value="toggle" />
                    <input type="hidden" name="rewardId" value={r.id} />
                    <input type="hidden" name="active" value={String(!r.active)} />
                    <Button submit>{r.active ? "Withdraw" : "Offer again"}</Button>
                  </Form>
                </InlineStack>
              ))}
            </BlockStack>
          </Card>
        }
        side={
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                New reward
              </Text>
              {result?.ok ? <Banner tone="success">Saved.</Banner> : null}
              <Form method="post">
                {Object.entries(values).map(([name, value]) => (
                  <input key={name} type="hidden" name={name} value={value} />
                ))}
                <FormLayout>
                  <TextField
                    label="Name"
                    value={values.name}
                    onChange={set("name")}
                    autoComplete="off"
                    error={errors.name}
                  />
                  <Select
                    label="Gives"
                    options={[
                      { label: `A fixed amount off (${currency})`, value: "fixed_amount" },
                      { label: "A percentage off", value: "percentage" },
                      { label: "Free shipping", value: "free_shipping" },
                    ]}
                    value={values.kind}
                    onChange={set("kind")}
                  />
                  <InlineGrid columns={2} gap="200">
                    <TextField
                      label="Points"
                      type="number"
                      value={values.pointsCost}
                      onChange={set("pointsCost")}
                      autoComplete="off"
                      error={errors.pointsCost}
                    />
                    {values.kind === "fixed_amount" ? (
                      <TextField
                        label="Amount off"
                        value={values.amount}
                        onChange={set("amount")}
                        autoComplete="off"
                        error={errors.amount}
                      />
                    ) : null}
                    {values.kind === "percentage" ? (
                      <TextField
                        label="Percent off"
                        type="number"
                        value={values.percentage}
                        onChange={set("percentage")}
                        autoComplete="off"
                        error={errors.percentage}
                      />
                    ) : null}
                  </InlineGrid>
                  <TextField
                    label="Minimum order (optional)"
                    value={values.minimumSubtotal}
                    onChange={set("minimumSubtotal")}
                    autoComplete="off"
                    error={errors.minimumSubtotal}
                  />
                  <TextField
                    label="Code valid for (days, optional)"
                    type="number"
                    value={values.codeExpiryDays}
                    onChange={set("codeExpiryDays")}
                    autoComplete="off"
                    helpText="Members get a reminder 3 days before it lapses."
                    error={errors.codeExpiryDays}
                  />
                  <Button submit variant="primary" loading={saving}>
                    Add reward
                  </Button>
                </FormLayout>
              </Form>
            </BlockStack>
          </Card>
        }
      />
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
