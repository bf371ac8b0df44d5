// Issue 14, point 4: a request's timeline is the story in order, in words.
import { requestStory, type StoryEntry } from "~/modules/requests/admin/request-story";

const at = (iso: string) => new Date(iso);
const day = (date: Date) => date.toISOString().slice(0, 10);
const words = (story: StoryEntry[]) => story.map((entry) => [entry.title, ...entry.lines].join(" | "));

describe("a request's story", () => {
  it("tells a reviewed request in order, once, without a plan recorded after the email went out", () => {
    const story = requestStory({
      formatDate: day,
      events: [
        {
          at: at("2026-11-20T09:00:00Z"),
          type: "scheduled",
          detail: { sendAt: "2026-12-01T08:00:00.000Z", basis: "fulfillment", adjustedBy: [] },
        },
        {
          at: at("2026-12-01T08:00:05Z"),
          type: "sent",
          detail: { email: "request", messageId: "<abc@kundrost>", round: 0, demoHistory: true },
        },
        {
          at: at("2026-12-01T18:00:00Z"),
          type: "item_reviewed",
          detail: { productShopifyId: "8210000001117", title: "Linen Shirt" },
        },
        { at: at("2026-12-01T18:00:00Z"), type: "reviewed", detail: {} },
        { at: at("2026-12-01T18:00:00Z"), type: "reviewed", detail: { demoHistory: true } },
        // The seed's replay on today's clock planned it again after the fact: not part of the story.
        {
          at: at("2026-12-03T10:00:00Z"),
          type: "scheduled",
          detail: { sendAt: "2026-12-04T08:00:00.000Z", basis: "fulfillment" },
        },
      ],
      emails: [
        {
          kind: "request",
          status: "sent",
          subject: "How was your order?",
          toAddress: "asa@example.se",
          createdAt: at("2026-12-01T08:00:01Z"),
          sentAt: at("2026-12-01T08:00:04Z"),
          error: null,
        },
      ],
    });
    expect(words(story)).toEqual([
      "Request scheduled | To be sent 2026-12-01 (timed from the fulfilment).",
      "Request email sent | “How was your order?” to asa@example.se.",
      "Linen Shirt reviewed",
      "Every product reviewed",
    ]);
    expect(words(story).join("\n")).not.toMatch(/abc@kundrost|8210000001117|round|demo/i);
  });

  it("says why a request waits or stopped, in words", () => {
    const story = requestStory({
      formatDate: day,
      events: [
        {
          at: at("2026-11-01T09:00:00Z"),
          type: "scheduled",
          detail: { sendAt: "2026-12-08T08:00:00.000Z", basis: "delivery", adjustedBy: ["frequency_cap"] },
        },
        {
          at: at("2026-12-08T08:00:00Z"),
          type: "deferred",
          detail: { email: "request", reason: "send_window", until: "2026-12-09T08:00:00.000Z" },
        },
        { at: at("2026-12-09T08:00:00Z"), type: "cancelled", detail: { reason: "order_refunded" } },
      ],
      emails: [],
    });
    expect(words(story)).toEqual([
      "Request scheduled | To be sent 2026-12-08 (timed from the delivery). | Held back by the frequency cap (the customer was asked recently).",
      "Request held back | Until 2026-12-09: it was outside the send window.",
      "Cancelled | The order was refunded in full.",
    ]);
  });

  it("tells a refused email on its own, in red", () => {
    const story = requestStory({
      formatDate: day,
      events: [],
      emails: [
        {
          kind: "request",
          status: "failed",
          subject: "s",
          toAddress: "a@example.se",
          createdAt: at("2026-12-01T08:00:00Z"),
          sentAt: null,
          error: "550 mailbox unavailable",
        },
      ],
    });
    expect(story).toEqual([
      {
        at: at("2026-12-01T08:00:00Z"),
        title: "Request email refused by the mail server",
        lines: ["550 mailbox unavailable"],
        tone: "critical",
      },
    ]);
  });
});
