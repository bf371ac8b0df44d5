// A request's timeline as the merchant reads it: the story in order, in words. Events and emails are merged
// (an email is told with the event that sent it), internal fields (ids, Message-IDs, rounds, demo markers)
// are left out, the same milestone is told once, and a plan recorded after the email already went out (a
// re-sync that changed nothing the customer saw) is not told as if it were still to come. Pure: the admin
// screen gives it the rows and a date formatter in the shop's time zone.
export interface StoryEvent {
  at: Date;
  type: string;
  /** RequestEvent.detail, parsed. */
  detail: Record<string, unknown>;
}

export interface StoryEmail {
  kind: string;
  status: string;
  subject: string;
  toAddress: string;
  createdAt: Date;
  sentAt: Date | null;
  error: string | null;
}

export interface StoryEntry {
  at: Date;
  title: string;
  lines: string[];
  tone: "success" | "critical" | "neutral";
}

type DateText = (at: Date) => string;

const BASIS_WORDS: Record<string, string> = {
  fulfillment: "timed from the fulfilment",
  delivery: "timed from the delivery",
  fallback: "no delivery date arrived, so timed from the fulfilment",
};

const ADJUSTMENT_WORDS: Record<string, string> = {
  frequency_cap: "held back by the frequency cap (the customer was asked recently)",
  send_window: "moved into the send window",
  past_due: "its moment had passed, so it goes at the next chance",
};

const REASON_WORDS: Record<string, string> = {
  order_cancelled: "the order was cancelled",
  order_refunded: "the order was refunded in full",
  order_removed: "the order is no longer in Kundröst",
  not_arrived: "the customer said the order never arrived",
  opted_out: "the customer unsubscribed from review emails",
  no_email: "there is no email address",
  nothing_to_review: "nothing in the order is left to review",
  too_late: "the order was too old when Kundröst heard of it",
  cancelled_by_merchant: "you cancelled it",
  review_received: "a review already came back",
  reminders_off: "reminders are turned off in Settings",
  frequency_cap: "the customer got another review request recently (frequency cap)",
  send_window: "it was outside the send window",
};

/** Events that plan a send; told only while nothing has been emailed yet. */
const PLANNING = new Set(["scheduled", "rescheduled", "deferred", "items_changed", "made_due_now"]);
/** Milestones that happen once in a request's life. */
const ONCE = new Set(["reviewed", "unsubscribed", "stopped_after_postpones"]);
/** Ties in time are told in the order they happen. */
const ORDER = [
  "scheduled",
  "rescheduled",
  "items_changed",
  "deferred",
  "made_due_now",
  "merchant_send_now",
  "sent",
  "reminded",
  "item_reviewed",
  "reviewed",
];

const text = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : null);
const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const date = (value: unknown) => {
  const parsed = typeof value === "string" ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
};
const reason = (value: unknown) => {
  const code = text(value);
  return code ? (REASON_WORDS[code] ?? code.replace(/_/g, " ")) : null;
};

function sentence(words: string | null): string | null {
  return words ? `${words.charAt(0).toUpperCase()}${words.slice(1)}.` : null;
}

function planLines(detail: Record<string, unknown>, formatDate: DateText): string[] {
  const lines: string[] = [];
  const sendAt = date(detail.sendAt);
  const basis = text(detail.basis);
  const adjustments = list(detail.adjustedBy).map((code) => ADJUSTMENT_WORDS[code] ?? code.replace(/_/g, " "));
  if (sendAt)
    lines.push(`To be sent ${formatDate(sendAt)}${basis && BASIS_WORDS[basis] ? ` (${BASIS_WORDS[basis]})` : ""}.`);
  if (adjustments.length > 0) lines.push(sentence(adjustments.join("; "))!);
  const products = list(detail.products);
  if (products.length > 0) lines.push(`About ${products.join(", ")}.`);
  return lines;
}

function eventEntry(event: StoryEvent, formatDate: DateText, emailLine: string | null): StoryEntry | null {
  const { detail } = event;
  const entry = (
    title: string,
    lines: Array<string | null> = [],
    tone: StoryEntry["tone"] = "neutral",
  ): StoryEntry => ({
    at: event.at,
    title,
    lines: lines.filter((line): line is string => Boolean(line)),
    tone,
  });
  const round = Number(text(detail.round) ?? 0);
  switch (event.type) {
    case "scheduled":
      return entry("Request scheduled", planLines(detail, formatDate));
    case "rescheduled":
      return entry("Send date moved", planLines(detail, formatDate));
    case "items_changed":
      return entry("Products in the request changed", [
        list(detail.products).length ? `Now about ${list(detail.products).join(", ")}.` : null,
      ]);
    case "deferred": {
      const until = date(detail.until);
      return entry(text(detail.email) === "reminder" ? "Reminder held back" : "Request held back", [
        until
          ? `Until ${formatDate(until)}: ${reason(detail.reason) ?? "it could not go yet"}.`
          : sentence(reason(detail.reason)),
      ]);
    }
    case "made_due_now":
      return entry("Made due now from the demo controls");
    case "merchant_send_now":
      return entry("You asked to send it now", [
        "It goes with the next send, whatever the send window and the frequency cap.",
      ]);
    case "merchant_cancelled": {
      const wasDue = date(detail.wasDue);
      const what = text(detail.stopped) === "reminder" ? "The reminder" : "The request email";
      return entry("You cancelled it", [`${what}${wasDue ? ` due ${formatDate(wasDue)}` : ""} will not be sent.`]);
    }
    case "merchant_resumed": {
      const reminderAt = date(detail.reminderAt);
      return entry(
        "You resumed it",
        reminderAt ? [`Reminder due ${formatDate(reminderAt)}.`] : planLines(detail, formatDate),
      );
    }
    case "sent":
      return entry(
        round > 0 ? "Request email sent again (after “not arrived yet”)" : "Request email sent",
        [emailLine],
        "success",
      );
    case "reminded":
      return entry("Reminder email sent", [emailLine], "success");
    case "send_unconfirmed":
      return entry("Email handed over, but the mail server did not confirm it", [
        "Not sent again, so the customer never gets it twice.",
      ]);
    case "send_failed": {
      const retryAt = date(detail.retryAt);
      return entry(
        "Sending failed",
        [text(detail.error), retryAt ? `Trying again ${formatDate(retryAt)}.` : null],
        "critical",
      );
    }
    case "failed":
      return entry("Gave up sending", [text(detail.error)], "critical");
    case "reminder_dropped":
      return entry("Reminder not sent", [sentence(reason(detail.reason))]);
    case "skipped":
      return entry("Not sent", [sentence(reason(detail.reason))]);
    case "cancelled":
      return entry("Cancelled", [sentence(reason(detail.reason))]);
    case "postponed": {
      const askAgainAt = date(detail.askAgainAt);
      return entry("The customer said the order has not arrived yet", [
        askAgainAt ? `Asking again ${formatDate(askAgainAt)}.` : null,
      ]);
    }
    case "stopped_after_postpones":
      return entry("Stopped asking: the order was postponed as many times as Settings allow");
    case "unsubscribed":
      return entry("The customer unsubscribed from review emails", [], "critical");
    case "item_reviewed":
      return entry(`${text(detail.title) ?? "A product"} reviewed`, [], "success");
    case "reviewed":
      return entry("Every product reviewed", [], "success");
    default:
      return entry(sentence(event.type.replace(/_/g, " "))!.replace(/\.$/, ""));
  }
}

/** The story of one request, oldest first. */
export function requestStory(input: {
  events: StoryEvent[];
  emails: StoryEmail[];
  formatDate: DateText;
}): StoryEntry[] {
  const { formatDate } = input;
  const events = [...input.events].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || ORDER.indexOf(a.type) - ORDER.indexOf(b.type),
  );
  const firstSend = events.find((event) => event.type === "sent")?.at ?? null;
  const emailsByKind = new Map<string, StoryEmail[]>();
  for (const email of input.emails) emailsByKind.set(email.kind, [...(emailsByKind.get(email.kind) ?? []), email]);
  const told = new Set<string>();
  const entries: StoryEntry[] = [];
  for (const event of events) {
    if (PLANNING.has(event.type) && firstSend && event.at > firstSend) continue;
    if (ONCE.has(event.type)) {
      if (told.has(event.type)) continue;
      told.add(event.type);
    }
    const emailKind = event.type === "sent" ? "request" : event.type === "reminded" ? "reminder" : null;
    const email = emailKind ? emailsByKind.get(emailKind)?.shift() : undefined;
    const emailLine = email ? `“${email.subject}” to ${email.toAddress}.` : null;
    const entry = eventEntry(event, formatDate, emailLine);
    if (entry) entries.push(entry);
  }
  // Emails with no event that tells them (a send still in flight or refused) are told on their own.
  for (const email of [...emailsByKind.values()].flat()) {
    if (email.status === "sent") continue;
    const kind = email.kind === "reminder" ? "Reminder email" : "Request email";
    const state =
      email.status === "failed"
        ? "refused by the mail server"
        : email.status === "unconfirmed"
          ? "not confirmed by the mail server"
          : "waiting to be sent";
    entries.push({
      at: email.sentAt ?? email.createdAt,
      title: `${kind} ${state}`,
      lines: [email.error].filter((l): l is string => Boolean(l)),
      tone: email.status === "failed" ? "critical" : "neutral",
    });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
