// Settings of the review-request engine: when to ask, how often, reminders, the email, auto-publishing.
// The settings module validates; every message it returns is shown next to its field.
// Inside Shopify, `data-save-bar` on the form lets App Bridge show the admin's contextual save bar while
// there are unsaved changes (https://shopify.dev/docs/api/app-bridge-library/apis/save-bar); the buttons
// at the foot of the page save in demo mode, where App Bridge is absent.
import { useEffect, useRef, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, Card, Checkbox, FormLayout, Layout, Page, PageActions, Select, TextField } from "@shopify/polaris";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { cachedProductsByIds, knownShopProductIds } from "~/modules/catalog";
import { PLANNING_SETTINGS, replanScheduledRequests } from "~/modules/requests";
import { getSettings, updateSettings } from "~/modules/settings";
import { EmailAndReviewsSections } from "./components/EmailAndReviewsSections";
import { ExcludedProductsPicker, type PickedProduct } from "./components/ExcludedProductsPicker";
import { ReplanBanner } from "./components/ReplanBanner";
import { FORM_FIELDS, formValuesOf, type FormField, type FormValues } from "./form-values";

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop, embedded } = await authenticateAdmin(request);
    const settings = await getSettings(shop);
    const excludedProducts = await cachedProductsByIds(shop, settings.excludedProductIds);
    return json({ values: formValuesOf(settings), excludedProducts, embedded });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop, graphql } = await authenticateAdmin(request);
    const form = await request.formData();
    const input: Partial<Record<FormField, string>> = {};
    for (const field of FORM_FIELDS) {
      const value = form.get(field);
      if (typeof value === "string") input[field] = value;
    }
    const before = formValuesOf(await getSettings(shop));
    // Products are checked against the shop's catalogue (Shopify's), not only their format.
    const result = await updateSettings(shop, input, undefined, {
      knownProductIds: (ids) => knownShopProductIds(shop, graphql, ids),
    });
    if (!result.ok) return json({ ok: false as const, fieldErrors: result.fieldErrors }, { status: 422 });
    const values = formValuesOf(result.settings);
    // Timing changes apply to requests already scheduled too: they are planned again from the new settings.
    const planningChanged = PLANNING_SETTINGS.some((field) => before[field] !== values[field]);
    const replan = planningChanged ? await replanScheduledRequests(shop) : null;
    const excludedProducts = await cachedProductsByIds(shop, result.settings.excludedProductIds);
    return json({ ok: true as const, values, excludedProducts, replan });
  });
}

const HOURS = Array.from({ length: 25 }, (_, hour) => ({
  label: `${String(hour).padStart(2, "0")}:00`,
  value: String(hour),
}));

export default function Settings() {
  const { values: saved, excludedProducts: savedProducts, embedded } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const toast = useAdminToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<FormValues>(saved);
  const [baseline, setBaseline] = useState<FormValues>(saved);
  const [pickedProducts, setPickedProducts] = useState<PickedProduct[]>(savedProducts);
  const saving = navigation.state === "submitting";
  const fieldErrors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};

  useEffect(() => {
    if (!result) return;
    if (result.ok) {
      setValues(result.values);
      setBaseline(result.values);
      setPickedProducts(result.excludedProducts);
      toast("Settings saved");
    } else {
      toast("Some settings need fixing", { error: true });
    }
  }, [result, toast]);

  const set = (field: FormField) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const toggle = (field: FormField) => (checked: boolean) =>
    setValues((current) => ({ ...current, [field]: String(checked) }));
  const dirty = FORM_FIELDS.some((field) => values[field] !== baseline[field]);
  const discard = () => {
    setValues(baseline);
    setPickedProducts(result && result.ok ? result.excludedProducts : savedProducts);
  };
  const number = (field: FormField, label: string, helpText?: string, suffix = "days") => (
    <TextField
      label={label}
      name={field}
      type="number"
      inputMode="numeric"
      value={values[field]}
      onChange={set(field)}
      error={fieldErrors[field]}
      helpText={helpText}
      suffix={suffix}
      autoComplete="off"
    />
  );
  const unknownErrors = Object.entries(fieldErrors).filter(
    ([key]) => !(FORM_FIELDS as readonly string[]).includes(key),
  );

  return (
    <Page title="Settings" subtitle="When and how Kundröst asks your customers for reviews">
      <Form method="post" ref={formRef} data-save-bar data-discard-confirmation onReset={discard}>
        {/* Unchecked checkboxes post nothing, so their value travels in hidden inputs. */}
        <input type="hidden" name="reminderEnabled" value={values.reminderEnabled} />
        <input type="hidden" name="keepAnonymousReviewsOnRedact" value={values.keepAnonymousReviewsOnRedact} />
        <input type="hidden" name="holdReviewsWithMedia" value={values.holdReviewsWithMedia} />
        <Layout>
          {result && result.ok && result.replan ? (
            <Layout.Section>
              <ReplanBanner replan={result.replan} />
            </Layout.Section>
          ) : null}
          {unknownErrors.length > 0 ? (
            <Layout.Section>
              <Banner tone="critical" title="These settings could not be saved">
                {unknownErrors.map(([key, message]) => (
                  <p key={key}>{message}</p>
                ))}
              </Banner>
            </Layout.Section>
          ) : null}
          <Layout.AnnotatedSection
            id="timing"
            title="When to ask"
            description="Ask once the order has had time to arrive and be used. Delivery dates come from your carriers' tracking when available. Saving a change here also re-plans the requests already scheduled (emails already sent stay as they are)."
          >
            <Card>
              <FormLayout>
                <Select
                  label="Start counting from"
                  name="requestTrigger"
                  options={[
                    { label: "Fulfillment (moved to delivery when a delivery date arrives)", value: "fulfillment" },
                    { label: "Delivery only (with a fallback after fulfillment)", value: "delivery" },
                  ]}
                  value={values.requestTrigger}
                  onChange={set("requestTrigger")}
                  error={fieldErrors.requestTrigger}
                />
                <FormLayout.Group>
                  {number("daysAfterFulfillment", "Days after fulfillment")}
                  {number("daysAfterDelivery", "Days after delivery")}
                </FormLayout.Group>
                {number(
                  "deliveryFallbackDays",
                  "Fallback: days after fulfillment",
                  "In delivery-only mode, ask this long after fulfillment when no delivery date ever arrives.",
                )}
                <FormLayout.Group>
                  <Select
                    label="Send window opens"
                    name="sendWindowStartHour"
                    options={HOURS.slice(0, 24)}
                    value={values.sendWindowStartHour}
                    onChange={set("sendWindowStartHour")}
                    error={fieldErrors.sendWindowStartHour}
                    helpText="In your shop's time zone"
                  />
                  <Select
                    label="Send window closes"
                    name="sendWindowEndHour"
                    options={HOURS.slice(1)}
                    value={values.sendWindowEndHour}
                    onChange={set("sendWindowEndHour")}
                    error={fieldErrors.sendWindowEndHour}
                  />
                </FormLayout.Group>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="what"
            title="What and how often"
            description="One email per order lists its products. Gift cards, free items and products the customer already reviewed are left out."
          >
            <Card>
              <FormLayout>
                {number("maxProductsPerRequest", "Products per email", undefined, "products")}
                {number(
                  "frequencyCapDays",
                  "Days between requests to the same customer",
                  "A request that would come sooner waits until then. 0 turns the limit off.",
                )}
                <ExcludedProductsPicker
                  name="excludedProductIds"
                  products={pickedProducts}
                  embedded={embedded}
                  error={fieldErrors.excludedProductIds}
                  onChange={(products) => {
                    setPickedProducts(products);
                    set("excludedProductIds")(products.map((product) => product.shopifyId).join("\n"));
                  }}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="follow-up"
            title="Reminders and postponing"
            description="One reminder goes out only while no review has come back. Customers can say their order has not arrived yet."
          >
            <Card>
              <FormLayout>
                <Checkbox
                  label="Send one reminder"
                  checked={values.reminderEnabled === "true"}
                  onChange={toggle("reminderEnabled")}
                  error={fieldErrors.reminderEnabled}
                />
                {number("reminderDelayDays", "Days after the first email")}
                <FormLayout.Group>
                  {number("postponeDays", "Days to wait after “not arrived yet”")}
                  {number("maxPostpones", "Times a customer may postpone", undefined, "times")}
                </FormLayout.Group>
                {number("tokenTtlDays", "Days a review link stays valid")}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <EmailAndReviewsSections values={values} set={set} toggle={toggle} fieldErrors={fieldErrors} />
          <Layout.Section>
            <PageActions
              primaryAction={{
                content: "Save",
                loading: saving,
                disabled: !dirty,
                onAction: () => formRef.current && submit(formRef.current),
              }}
              secondaryActions={[{ content: "Discard changes", disabled: !dirty || saving, onAction: discard }]}
            />
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
