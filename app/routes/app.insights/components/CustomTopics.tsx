// The merchant's own topics: the list, remove, and the add form (its field errors from the action).
import { useEffect, useRef, useState } from "react";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useAdminToast } from "~/components/AdminToast";
import type { PageData, TopicActionResult } from "../page-data";

export function CustomTopics({ topics }: { topics: PageData["customTopics"] }) {
  const result = useActionData<TopicActionResult>();
  const navigation = useNavigation();
  const toast = useAdminToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [label, setLabel] = useState("");
  const [keywords, setKeywords] = useState("");
  const busy = navigation.state === "submitting";
  const fieldErrors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};

  useEffect(() => {
    if (!result) return;
    if (result.ok) {
      toast(result.message);
      setLabel("");
      setKeywords("");
    }
  }, [result, toast]);

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Your topics
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          Track something the built-in topics do not cover, in any language. A keyword ending in * matches every word
          that starts with it (ärm* finds ärmarna and ärmlängd).
        </Text>
        {topics.length > 0 ? (
          <BlockStack gap="200">
            {topics.map((topic) => (
              <InlineStack key={topic.key} align="space-between" blockAlign="center">
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold">
                    {topic.label}
                  </Text>
                  <Text as="span" variant="bodySm" tone="subdued">
                    {topic.keywords.join(", ")}
                  </Text>
                </BlockStack>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-topic" />
                  <input type="hidden" name="key" value={topic.key} />
                  <Button
                    submit
                    variant="plain"
                    tone="critical"
                    disabled={busy}
                    accessibilityLabel={`Remove ${topic.label}`}
                  >
                    Remove
                  </Button>
                </Form>
              </InlineStack>
            ))}
          </BlockStack>
        ) : null}
        <Form method="post" ref={formRef}>
          <input type="hidden" name="intent" value="add-topic" />
          <FormLayout>
            <TextField
              label="Topic name"
              name="label"
              value={label}
              onChange={setLabel}
              error={fieldErrors.label}
              autoComplete="off"
              placeholder="Sleeves"
            />
            <TextField
              label="Keywords"
              name="keywords"
              value={keywords}
              onChange={setKeywords}
              error={fieldErrors.keywords}
              helpText="Separate with commas."
              autoComplete="off"
              placeholder="sleeve, sleeves, ärm*"
            />
            <Button submit loading={busy}>
              Add topic
            </Button>
          </FormLayout>
        </Form>
      </BlockStack>
    </Card>
  );
}
