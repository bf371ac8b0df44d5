// The weekly digest: when it goes out (weekday and hour in the shop's time zone, language), to whom (addresses
// that confirmed the invitation), "send this week's now", and the digest itself as a printable page, week by
// week, with its topic figures as CSV. The voc module does the work; this route authenticates and validates.
import { useEffect, useRef } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { MainAndSide } from "~/components/MainAndSide";
import { z } from "zod";
import { authenticateAdmin } from "~/admin-auth.server";
import { adminRoute } from "~/admin-route.server";
import { AdminRouteErrorBoundary } from "~/components/AdminErrorPage";
import { useAdminToast } from "~/components/AdminToast";
import { formatShopDateTime, shopTimeZone } from "~/modules/shops";
import {
  inviteDigestRecipient,
  loadDigestPage,
  loadDigestSetup,
  MAX_DIGEST_RECIPIENTS,
  removeDigestRecipient,
  saveDigestSchedule,
  sendDigestNow,
} from "~/modules/voc";
import { DigestPreview } from "./components/DigestPreview";
import { Recipients } from "./components/Recipients";
import { Schedule } from "./components/Schedule";

export type DigestActionResult =
  { ok: true; message: string } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export async function loader({ request }: LoaderFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const week = new URL(request.url).searchParams.get("week");
    const [setup, digest, zone] = await Promise.all([
      loadDigestSetup(shop),
      loadDigestPage(shop, week),
      shopTimeZone(shop),
    ]);
    const shown = (date: Date | null) => (date ? formatShopDateTime(date, zone) : null);
    return json({
      zone,
      maxRecipients: MAX_DIGEST_RECIPIENTS,
      setup: {
        ...setup,
        recipients: setup.recipients.map((recipient) => ({
          ...recipient,
          invitedAt: shown(recipient.invitedAt),
          confirmedAt: shown(recipient.confirmedAt),
        })),
        history: setup.history.map((entry) => ({
          weekStart: entry.weekStart.toISOString().slice(0, 10),
          status: entry.status,
          recipients: entry.recipients,
          sentAt: shown(entry.sentAt),
        })),
      },
      digest,
    });
  });
}

const ActionInput = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save-schedule"),
    enabled: z.string().max(10).optional(),
    weekday: z.string().max(2),
    hour: z.string().max(2),
    locale: z.string().max(5).default(""),
  }),
  z.object({ intent: z.literal("invite"), email: z.string().max(1000).default("") }),
  z.object({ intent: z.literal("remove"), email: z.string().max(1000) }),
  z.object({ intent: z.literal("send-now") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  return adminRoute(request, async () => {
    const { shop } = await authenticateAdmin(request);
    const parsed = ActionInput.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) {
      return json<DigestActionResult>(
        { ok: false, message: "That action is not available here. Reload the page and try again." },
        { status: 400 },
      );
    }
    const input = parsed.data;
    if (input.intent === "save-schedule") {
      const saved = await saveDigestSchedule(shop, input);
      return saved.ok
        ? json<DigestActionResult>({ ok: true, message: "Digest schedule saved" })
        : json<DigestActionResult>(
            { ok: false, message: "The schedule was not saved.", fieldErrors: saved.fieldErrors },
            { status: 422 },
          );
    }
    if (input.intent === "invite") {
      const invited = await inviteDigestRecipient(shop, input.email);
      if (!invited.ok)
        return json<DigestActionResult>(
          { ok: false, message: "The address was not added.", fieldErrors: invited.fieldErrors },
          { status: 422 },
        );
      const message = {
        invited: "Invitation sent: the address gets digests once its owner confirms it",
        already_invited: "That address is already invited and waiting for its owner to confirm",
        already_confirmed: "That address already gets the digest",
      }[invited.outcome];
      return json<DigestActionResult>({ ok: true, message });
    }
    if (input.intent === "remove") {
      const removed = await removeDigestRecipient(shop, input.email);
      return json<DigestActionResult>({ ok: true, message: removed ? "Address removed" : "It was already removed" });
    }
    const sent = await sendDigestNow(shop);
    if (!sent.ok) {
      const message =
        sent.reason === "already_sent"
          ? "This week's digest has already been sent; the next one goes out next week."
          : "No address has confirmed the invitation yet, so there is nobody to send the digest to.";
      return json<DigestActionResult>({ ok: false, message }, { status: 409 });
    }
    return json<DigestActionResult>({ ok: true, message: "This week's digest is on its way" });
  });
}

export default function WeeklyDigest() {
  const { setup, digest, zone, maxRecipients } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const showToast = useAdminToast();
  const announced = useRef<unknown>(null);
  useEffect(() => {
    if (!result || announced.current === result) return;
    announced.current = result;
    if (result.ok) showToast(result.message);
    else if (!("fieldErrors" in result && result.fieldErrors)) showToast(result.message, { error: true });
  }, [result, showToast]);
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <Page
      title="Weekly digest"
      subtitle="What customers said last week, emailed to the people who act on it"
      backAction={{ content: "Insights", url: "/app/insights" }}
    >
      <MainAndSide
        main={<DigestPreview digest={digest} />}
        side={
          <BlockStack gap="400">
            <Schedule setup={setup} zone={zone} fieldErrors={fieldErrors} />
            <Recipients setup={setup} maxRecipients={maxRecipients} fieldErrors={fieldErrors} />
          </BlockStack>
        }
      />
    </Page>
  );
}

export const ErrorBoundary = AdminRouteErrorBoundary;
