// /demo: the demo's control room. Send a correctly signed webhook to the app's own webhook intake, make
// scheduled review requests due now, run due jobs; see what happened.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { jobDefinitions } from "~/jobs.server";
import { loggerFor } from "~/logger.server";
import {
  DEMO_WEBHOOK_KINDS,
  DemoWebhookUnavailableError,
  demoOverview,
  makeDemoRequestsDueNow,
  requireDemoMode,
  runDueDemoJobs,
  sendDemoWebhook,
} from "~/modules/demo";
import { counted } from "~/components/counted";

/** The app's own origin: the control posts webhooks to the server that serves this page. */
function ownOrigin(request: Request): string {
  return new URL(request.url).origin;
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  return json(await demoOverview(ownOrigin(request)));
}

const ControlInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send-webhook"), kind: z.enum(DEMO_WEBHOOK_KINDS) }),
  z.object({ intent: z.literal("make-due") }),
  z.object({ intent: z.literal("run-jobs") }),
]);

type ControlResult = { tone: "success" | "warning" | "critical"; message: string };

export async function action({ request }: ActionFunctionArgs) {
  requireDemoMode();
  const parsed = ControlInput.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return json<ControlResult>({ tone: "critical", message: "Unknown demo control." }, { status: 400 });
  const input = parsed.data;
  try {
    if (input.intent === "send-webhook") {
      const sent = await sendDemoWebhook({ kind: input.kind, appUrl: ownOrigin(request) });
      const ok = sent.status === 200;
      return json<ControlResult>({
        tone: ok ? "success" : "critical",
        message: ok
          ? `Signed ${sent.topic} webhook for order ${sent.orderName} (${sent.customerName}) was accepted by /webhooks (200). Run due jobs to process it.`
          : `The webhook intake answered ${sent.status} for ${sent.topic}; the server log has the reason.`,
      });
    }
    if (input.intent === "make-due") {
      const result = await makeDemoRequestsDueNow(jobDefinitions);
      return json<ControlResult>({
        tone: result.failed > 0 ? "warning" : "success",
        message:
          result.moved === 0
            ? "No review request was waiting. Send an orders/fulfilled webhook and run due jobs first."
            : `${result.moved} scheduled request(s) made due; ${result.sent} email(s) sent to the outbox${result.failed ? `, ${result.failed} failed (see the server log)` : ""}.` +
              (result.left > 0 ? ` The worker sends the other ${result.left} within a minute.` : ""),
      });
    }
    const drained = await runDueDemoJobs(jobDefinitions);
    return json<ControlResult>({
      tone: drained.failed > 0 ? "warning" : "success",
      message: `Ran due jobs: ${drained.succeeded} succeeded, ${drained.retried} will retry, ${drained.failed} failed.`,
    });
  } catch (error) {
    if (error instanceof DemoWebhookUnavailableError)
      return json<ControlResult>({ tone: "warning", message: error.message });
    loggerFor({ module: "demo" }).error({ err: error, intent: input.intent }, "demo control failed");
    return json<ControlResult>(
      { tone: "critical", message: `The control failed: ${(error as Error).message}` },
      { status: 500 },
    );
  }
}

function ControlButton({
  intent,
  kind,
  children,
  primary,
}: {
  intent: string;
  kind?: string;
  children: string;
  primary?: boolean;
}) {
  const navigation = useNavigation();
  const busy =
    navigation.state !== "idle" &&
    navigation.formData?.get("intent") === intent &&
    navigation.formData?.get("kind") === (kind ?? null);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {kind ? <input type="hidden" name="kind" value={kind} /> : null}
      <Button submit variant={primary ? "primary" : "secondary"} loading={busy}>
        {children}
      </Button>
    </Form>
  );
}

export default function DemoControls() {
  const overview = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const statuses = Object.entries(overview.requestsByStatus);
  return (
    <Page
      title="Kundröst demo"
      subtitle={`Demo shop ${overview.shop}. Nothing here talks to Shopify; mail goes to the local outbox.`}
      primaryAction={{ content: "Open the admin", url: "/app" }}
      secondaryActions={[
        { content: `Outbox (${overview.capturedEmails})`, url: "/demo/outbox" },
        { content: "Storefront preview", url: "/demo/storefront/collections/all" },
      ]}
    >
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.tone}>{result.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Send a signed test webhook
              </Text>
              <Text as="p" tone="subdued">
                Built like Shopify's, signed with the app secret, POSTed to this app's own webhook intake: verification,
                recording, the worker's move into the job queue and the order pipeline all run for real.
              </Text>
              <InlineStack gap="300">
                <ControlButton intent="send-webhook" kind="orders/fulfilled" primary>
                  orders/fulfilled (new order)
                </ControlButton>
                <ControlButton intent="send-webhook" kind="fulfillment_events/create">
                  fulfillment_events/create (delivered)
                </ControlButton>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Review requests and jobs
              </Text>
              <Text as="p" tone="subdued">
                Scheduled requests normally wait days after delivery and for the shop's send window. Make them due now
                to see the email in the outbox; run due jobs to process webhooks that were just accepted.
              </Text>
              <InlineStack gap="300">
                <ControlButton intent="make-due" primary>
                  Make scheduled requests due now
                </ControlButton>
                <ControlButton intent="run-jobs">Run due jobs now</ControlButton>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h3" variant="headingSm">
                  Orders and webhooks
                </Text>
                <Text as="p" variant="headingLg">
                  {overview.orders}
                </Text>
                <Text as="p" tone="subdued">
                  orders; {counted(overview.webhookEvents, "webhook delivery", "webhook deliveries")} received
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h3" variant="headingSm">
                  Review requests
                </Text>
                <InlineStack gap="200" wrap>
                  {statuses.length === 0 ? <Text as="span">None yet</Text> : null}
                  {statuses.map(([status, count]) => (
                    <Badge key={status}>{`${status}: ${count}`}</Badge>
                  ))}
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h3" variant="headingSm">
                  Jobs
                </Text>
                <InlineStack gap="200" wrap>
                  {Object.entries(overview.jobs).map(([status, count]) => (
                    <Badge
                      key={status}
                      tone={status === "failed" && count > 0 ? "critical" : undefined}
                    >{`${status}: ${count}`}</Badge>
                  ))}
                </InlineStack>
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Try the shopper's side
              </Text>
              {overview.sampleReviewLink ? (
                <Text as="p">
                  <Link url={overview.sampleReviewLink}>Open a review page with four stars tapped</Link> (a signed link
                  to a request waiting for a review), or open an email in the <Link url="/demo/outbox">outbox</Link> and
                  tap a star.
                </Text>
              ) : (
                <Text as="p" tone="subdued">
                  No request is waiting for a review yet.
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
