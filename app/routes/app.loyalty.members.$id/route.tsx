// One member: balances, tier, the full ledger (newest first, one line per event: what was earned, became
// available, was taken back, redeemed, expired, adjusted, and why), their reward codes, and a manual adjustment
// with a reason.
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  FormLayout,
  InlineGrid,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute, merchantNotFound } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { adjustPoints, loadMember } from "~/modules/loyalty";
import { formatShopDateTime, shopTimeZone } from "~/modules/shops";
import { entryDescription } from "./entry-labels";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const [detail, zone] = await Promise.all([loadMember(shop, params.id ?? ""), shopTimeZone(shop)]);
    if (!detail)
      throw merchantNotFound("This member was not found", "Go back to the Loyalty list and pick the member again.");
    const when = (date: Date | null) => (date ? formatShopDateTime(date, zone) : "—");
    return json({
      requestId: randomUUID(),
      member: {
        ...detail.member,
        lastActivityAt: when(detail.member.lastActivityAt),
        joinedAt: when(detail.member.joinedAt),
        tierSince: when(detail.member.tierSince),
      },
      entries: detail.entries.map((e) => ({
        at: when(e.createdAt),
        points: e.points,
        bucket: e.bucket,
        what: entryDescription(e),
      })),
      redemptions: detail.redemptions.map((r) => ({
        ...r,
        createdAt: when(r.createdAt),
        endsAt: r.endsAt ? when(r.endsAt) : null,
      })),
    });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const form = Object.fromEntries(await request.formData());
    const result = await adjustPoints(shop, params.id ?? "", form);
    return json(result, { status: result.ok ? 200 : 422 });
  });
}

export default function MemberDetail() {
  const { member, entries, redemptions, requestId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <Page
      title={member.name}
      subtitle={member.email ?? undefined}
      backAction={{ content: "Loyalty", url: "/app/loyalty" }}
      titleMetadata={<Badge tone="info">{member.tierName}</Badge>}
    >
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
            {[
              ["Available", member.availablePoints],
              ["Pending", member.pendingPoints],
              ["Earned (lifetime)", member.lifetimeEarned],
              ["Redeemed (lifetime)", member.lifetimeRedeemed],
            ].map(([label, value]) => (
              <Card key={label}>
                <Text as="h3" variant="headingSm" tone="subdued">
                  {label}
                </Text>
                <Text as="p" variant="headingLg">
                  {Number(value).toLocaleString("en")}
                </Text>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Ledger
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "numeric"]}
                headings={["When", "What", "Points"]}
                rows={entries.map((e) => [
                  e.at,
                  e.bucket === "pending" ? `${e.what} (pending)` : e.what,
                  e.points > 0 ? `+${e.points}` : String(e.points),
                ])}
              />
              {entries.length === 0 ? (
                <Text as="p" tone="subdued">
                  No points yet.
                </Text>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Adjust points
                </Text>
                {result?.ok ? <Banner tone="success">{`Adjusted by ${result.points} points.`}</Banner> : null}
                {errors.form ? <Banner tone="critical">{errors.form}</Banner> : null}
                <Form method="post">
                  <input type="hidden" name="requestId" value={requestId} />
                  <FormLayout>
                    <TextField
                      label="Points"
                      name="points"
                      type="number"
                      value={points}
                      onChange={setPoints}
                      autoComplete="off"
                      helpText="Negative to deduct; never below 0."
                      error={errors.points ?? errors.requestId}
                    />
                    <TextField
                      label="Reason"
                      name="reason"
                      value={reason}
                      onChange={setReason}
                      autoComplete="off"
                      helpText="Shown in the member's history."
                      error={errors.reason}
                    />
                    <Button submit variant="primary" loading={saving}>
                      Adjust
                    </Button>
                  </FormLayout>
                </Form>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Member
                </Text>
                <Text as="p">{`Joined ${member.joinedAt}`}</Text>
                <Text as="p">{`Last activity ${member.lastActivityAt}`}</Text>
                <Text as="p">{`${member.tierName} since ${member.tierSince}`}</Text>
                <Text as="p">{member.birthday ? `Birthday ${member.birthday}` : "No birthday given"}</Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Reward codes
                </Text>
                {redemptions.length === 0 ? (
                  <Text as="p" tone="subdued">
                    None redeemed yet.
                  </Text>
                ) : null}
                {redemptions.map((r) => (
                  <BlockStack key={r.id} gap="050">
                    <Text as="p" fontWeight="semibold">{`${r.code ?? "—"} · ${r.points} points`}</Text>
                    <Text as="p" tone={r.status === "failed" ? "critical" : "subdued"} variant="bodySm">
                      {r.status === "failed"
                        ? `Failed, points returned: ${r.failureReason ?? ""}`
                        : `${r.status} ${r.createdAt}${r.endsAt ? `, valid until ${r.endsAt}` : ""}`}
                    </Text>
                  </BlockStack>
                ))}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
