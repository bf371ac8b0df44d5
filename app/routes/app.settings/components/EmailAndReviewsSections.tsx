// The Settings sections for the email (sender, reply-to, language) and for publishing reviews.
import { BlockStack, Card, Checkbox, FormLayout, Layout, Select, TextField } from "@shopify/polaris";
import type { FormField, FormValues } from "../form-values";

export function EmailAndReviewsSections(props: {
  values: FormValues;
  set: (field: FormField) => (value: string) => void;
  toggle: (field: FormField) => (checked: boolean) => void;
  fieldErrors: Record<string, string>;
}) {
  const { values, set, toggle, fieldErrors } = props;
  return (
    <>
      <Layout.AnnotatedSection
        id="email"
        title="The email"
        description="Review emails and the review page exist in English and Swedish. Customers get theirs in their own language when it is one of these; everyone else (German, Norwegian, or a language we do not know) gets the default language below."
      >
        <Card>
          <FormLayout>
            <TextField
              label="Sender name"
              name="senderName"
              value={values.senderName}
              onChange={set("senderName")}
              error={fieldErrors.senderName}
              helpText="Leave empty to use your shop's name."
              autoComplete="off"
            />
            <TextField
              label="Reply-to address"
              name="replyToEmail"
              type="email"
              value={values.replyToEmail}
              onChange={set("replyToEmail")}
              error={fieldErrors.replyToEmail}
              helpText="Where customers' replies go. Leave empty to use your shop's contact email."
              autoComplete="email"
            />
            <Select
              label="Default language"
              name="defaultLocale"
              options={[
                { label: "English", value: "en" },
                { label: "Swedish (svenska)", value: "sv" },
              ]}
              value={values.defaultLocale}
              onChange={set("defaultLocale")}
              error={fieldErrors.defaultLocale}
              helpText="For customers whose language is neither English nor Swedish. Applies to emails not sent yet."
            />
          </FormLayout>
        </Card>
      </Layout.AnnotatedSection>
      <Layout.AnnotatedSection
        id="reviews"
        title="Reviews"
        description="Verified reviews of every rating are published when they pass the content checks: holding back negative reviews is what consumer-review law (the US FTC rule) forbids. Reviews with links, contact details, profanity or signs of fakes wait for you, with the reasons in words."
      >
        <Card>
          <BlockStack gap="400">
            <Select
              label="Publish automatically from"
              name="autoPublishMinRating"
              options={[1, 2, 3, 4, 5].map((stars) => ({
                label: `${stars} ${stars === 1 ? "star" : "stars"}`,
                value: String(stars),
              }))}
              value={values.autoPublishMinRating}
              onChange={set("autoPublishMinRating")}
              error={fieldErrors.autoPublishMinRating}
              helpText="1 star publishes every rating (recommended). A higher value holds lower ratings for a look; the Reviews list shows how long each has waited, and rejecting one asks for a reason."
            />
            <TextField
              label="Reports that send a published review back to moderation"
              name="reportThreshold"
              type="number"
              min={1}
              max={50}
              autoComplete="off"
              value={values.reportThreshold}
              onChange={set("reportThreshold")}
              error={fieldErrors.reportThreshold}
            />
            <Checkbox
              label="Keep reviews as anonymous text when a customer asks to be forgotten"
              helpText="Otherwise their reviews are deleted with their data."
              checked={values.keepAnonymousReviewsOnRedact === "true"}
              onChange={toggle("keepAnonymousReviewsOnRedact")}
              error={fieldErrors.keepAnonymousReviewsOnRedact}
            />
            <Checkbox
              label="Hold reviews with photos or video for approval"
              helpText="They wait in moderation until you publish them, whatever their rating."
              checked={values.holdReviewsWithMedia === "true"}
              onChange={toggle("holdReviewsWithMedia")}
              error={fieldErrors.holdReviewsWithMedia}
            />
          </BlockStack>
        </Card>
      </Layout.AnnotatedSection>
    </>
  );
}
