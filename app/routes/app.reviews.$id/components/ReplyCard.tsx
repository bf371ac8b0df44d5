// The shop's public reply under the review: shown, edited, deleted; its error shows next to the field.
import { useEffect, useState } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, InlineStack, Text, TextField } from "@shopify/polaris";
import { REPLY_MAX_LENGTH } from "~/modules/reviews";
import type { action, loader } from "../route";

export function ReplyCard(props: {
  reply: SerializeFrom<typeof loader>["reply"];
  result: SerializeFrom<typeof action> | undefined;
  busyIntent: FormDataEntryValue | null | undefined;
  /** The review has an address the reply can be emailed to. */
  canEmail: boolean;
}) {
  const { reply, result, busyIntent, canEmail } = props;
  const [emailReviewer, setEmailReviewer] = useState(false);
  const [editing, setEditing] = useState(reply === null);
  const [replyText, setReplyText] = useState(reply?.body ?? "");
  // A saved reply leaves edit mode.
  useEffect(() => {
    if (result?.ok) setEditing(false);
  }, [result]);
  // After a save or delete the loader's reply is the truth again.
  useEffect(() => {
    setReplyText(reply?.body ?? "");
    if (reply === null) setEditing(true);
  }, [reply]);
  const replyError = result && !result.ok && "fieldErrors" in result ? result.fieldErrors?.body : undefined;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Public reply
        </Text>
        <Text as="p" tone="subdued">
          Shown under the review on the storefront, signed with the shop's name.
        </Text>
        {reply && !editing ? (
          <BlockStack gap="200">
            <Text as="p">
              <span style={{ whiteSpace: "pre-wrap" }}>{reply.body}</span>
            </Text>
            <Text as="p" tone="subdued" variant="bodySm">{`Last changed ${reply.updated}`}</Text>
            <InlineStack gap="200">
              <Button onClick={() => setEditing(true)}>Edit reply</Button>
              <Form method="post">
                <input type="hidden" name="intent" value="delete-reply" />
                <Button submit tone="critical" variant="plain" loading={busyIntent === "delete-reply"}>
                  Delete reply
                </Button>
              </Form>
            </InlineStack>
          </BlockStack>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="save-reply" />
            <BlockStack gap="200">
              <TextField
                label="Reply"
                name="body"
                value={replyText}
                onChange={setReplyText}
                multiline={4}
                maxLength={REPLY_MAX_LENGTH}
                showCharacterCount
                autoComplete="off"
                error={replyError}
              />
              {canEmail ? (
                <Checkbox
                  label="Also email the reply to the reviewer (in their language, with a link to update the review)"
                  name="emailReviewer"
                  checked={emailReviewer}
                  onChange={setEmailReviewer}
                />
              ) : null}
              <InlineStack gap="200">
                <Button submit variant="primary" loading={busyIntent === "save-reply"}>
                  {reply ? "Save reply" : "Publish reply"}
                </Button>
                {reply ? (
                  <Button
                    onClick={() => {
                      setReplyText(reply.body);
                      setEditing(false);
                    }}
                  >
                    Cancel
                  </Button>
                ) : null}
              </InlineStack>
            </BlockStack>
          </Form>
        )}
      </BlockStack>
    </Card>
  );
}
