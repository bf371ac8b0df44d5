// When the digest goes out: on or off, the weekday and hour in the shop's time zone, the language; "send now"; and
// the weeks it was sent.
import { useState } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { useNavigation, useSubmit } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, InlineStack, List, Select, Text } from "@shopify/polaris";
import type { loader } from "../route";

type Setup = SerializeFrom<typeof loader>["setup"];

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const HOURS = Array.from({ length: 24 }, (_, hour) => ({
  label: `${String(hour).padStart(2, "0")}:00`,
  value: String(hour),
}));

export function Schedule({
  setup,
  zone,
  fieldErrors,
}: {
  setup: Setup;
  zone: string;
  fieldErrors: Record<string, string>;
}) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const [enabled, setEnabled] = useState(setup.enabled);
  const [weekday, setWeekday] = useState(String(setup.weekday));
  const [hour, setHour] = useState(String(setup.hour));
  const [locale, setLocale] = useState(setup.locale ?? "");
  const confirmed = setup.recipients.filter((recipient) => recipient.status === "confirmed").length;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Schedule
        </Text>
        <Checkbox
          label="Send the weekly digest"
          helpText={`To the ${confirmed} confirmed ${confirmed === 1 ? "address" : "addresses"}, at most once a week.`}
          checked={enabled}
          onChange={setEnabled}
        />
        <Select
          label="Weekday"
          options={WEEKDAYS.map((label, index) => ({ label, value: String(index + 1) }))}
          value={weekday}
          onChange={setWeekday}
          error={fieldErrors.weekday}
        />
        <Select label={`Hour (${zone})`} options={HOURS} value={hour} onChange={setHour} error={fieldErrors.hour} />
        <Select
          label="Language"
          options={[
            { label: "The shop's language", value: "" },
            { label: "English", value: "en" },
            { label: "Swedish", value: "sv" },
          ]}
          value={locale}
          onChange={setLocale}
          error={fieldErrors.locale}
        />
        <InlineStack gap="200">
          <Button
            variant="primary"
            loading={busy === "save-schedule"}
            onClick={() =>
              submit(
                { intent: "save-schedule", enabled: enabled ? "on" : "", weekday, hour, locale },
                { method: "post" },
              )
            }
          >
            Save
          </Button>
          <Button loading={busy === "send-now"} onClick={() => submit({ intent: "send-now" }, { method: "post" })}>
            Send this week's now
          </Button>
        </InlineStack>
        {setup.history.length > 0 ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Sent
            </Text>
            <List>
              {setup.history.map((entry) => (
                <List.Item key={entry.weekStart}>
                  {entry.status === "sent"
                    ? `Week of ${entry.weekStart}: ${entry.sentAt}, to ${entry.recipients} ${entry.recipients === 1 ? "address" : "addresses"}`
                    : `Week of ${entry.weekStart}: sending`}
                </List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
