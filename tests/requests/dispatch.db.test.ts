import db from "~/db.server";
import { captureEmailDuringTests } from "../support/smtp";
import {
  dispatchDueRequests,
  markRequestItemReviewed,
  requestFigures,
  syncReviewRequestForOrder,
  type MailTransport,
} from "~/modules/requests";
import { smtpTransportFromEnv } from "~/modules/requests/sending/mail-transport.server";
import { SEND_LEASE_MS } from "~/modules/requests/sending/send-email.server";
import { LINEN_SHIRT, MUG, createCustomer, createOrder, createShop, timeline } from "./factories";
import { makeScheduledRequestsDueNow } from "~/modules/demo";

const t = (iso: string) => new Date(iso);
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);
captureEmailDuringTests();

/** A shop with one customer and one fulfilled order whose request is due at 10:00 Stockholm on 15 May. */
async function dueRequest(options: { locale?: string; firstName?: string | null } = {}) {
  const shop = await createShop();
  const customer = await createCustomer(shop, { locale: options.locale ?? "en", firstName: options.firstName });
  const order = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z") });
  await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-01T09:00:00Z") });
  const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
  return { shop, customer, order, request };
}

const mailTo = (address: string) => db.capturedEmail.findMany({ where: { envelopeTo: address } });

describe("dispatching due review requests", () => {
  it("sends a due request over SMTP, records it once and schedules the one reminder", async () => {
    const { shop, customer, request } = await dueRequest();
    const at = t("2026-05-15T08:01:00Z");
    const first = await dispatchDueRequests({ now: at, shop });
    expect(first).toMatchObject({ sent: 1, failed: 0 });
    expect(await dispatchDueRequests({ now: minutes(at, 1), shop })).toMatchObject({ claimed: 0, sent: 0 });

    const received = await mailTo(customer.email!);
    expect(received).toHaveLength(1);
    expect(received[0].subject).toBe("How was your order from Lind & Co?");
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ status: "sent", claimedUntil: null });
    expect(after.sentAt?.toISOString()).toBe(at.toISOString());
    expect(after.reminderAt?.toISOString()).toBe("2026-05-22T08:01:00.000Z");
    const messages = await db.emailMessage.findMany({ where: { requestId: request.id } });
    expect(messages).toMatchObject([
      { status: "sent", kind: "request", attempts: 1, idempotencyKey: `${request.id}:request:0` },
    ]);
    expect(JSON.parse(received[0].headers)["message-id"]).toBe(messages[0].messageId);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).lastRequestSentAt?.toISOString()).toBe(
      at.toISOString(),
    );
    expect(await timeline(request.id)).toEqual(["scheduled", "sent"]);
  });

  it("waits for the send window in the shop's time zone instead of sending at night", async () => {
    const { shop, customer, request } = await dueRequest();
    const night = t("2026-05-15T21:30:00Z"); // 23:30 in Stockholm
    await db.reviewRequest.update({ where: { id: request.id }, data: { sendAt: t("2026-05-15T21:00:00Z") } });
    expect(await dispatchDueRequests({ now: night, shop })).toMatchObject({ rescheduled: 1, sent: 0 });
    expect(await mailTo(customer.email!)).toHaveLength(0);
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after.sendAt.toISOString()).toBe("2026-05-16T07:00:00.000Z"); // 09:00 the next morning
    expect(await timeline(request.id)).toEqual(["scheduled", "deferred"]);
  });

  it("'make due now' sends straight away in the demo, even outside the window", async () => {
    const { shop, customer } = await dueRequest();
    const night = t("2026-05-03T22:00:00Z");
    expect(await makeScheduledRequestsDueNow(shop, night)).toBe(1);
    expect(await dispatchDueRequests({ now: minutes(night, 1), shop })).toMatchObject({ sent: 1 });
    expect(await mailTo(customer.email!)).toHaveLength(1);
  });

  it("sends the reminder once while no review came back, and none after a review", async () => {
    const quiet = await dueRequest();
    const reviewed = await dueRequest();
    await dispatchDueRequests({ now: t("2026-05-15T08:01:00Z"), shop: quiet.shop });
    await dispatchDueRequests({ now: t("2026-05-15T08:01:00Z"), shop: reviewed.shop });
    await markRequestItemReviewed({
      shop: reviewed.shop,
      requestId: reviewed.request.id,
      productShopifyId: LINEN_SHIRT.shopifyId,
      reviewedAt: t("2026-05-16T10:00:00Z"),
    });

    const reminderTime = t("2026-05-22T08:05:00Z");
    expect(await dispatchDueRequests({ now: reminderTime, shop: quiet.shop })).toMatchObject({ reminded: 1 });
    expect(await dispatchDueRequests({ now: reminderTime, shop: reviewed.shop })).toMatchObject({
      reminded: 0,
      claimed: 0,
    });
    expect(await dispatchDueRequests({ now: t("2026-06-22T08:05:00Z"), shop: quiet.shop })).toMatchObject({
      claimed: 0,
    });

    const quietMail = await mailTo(quiet.customer.email!);
    expect(quietMail.map((m) => m.subject)).toEqual([
      "How was your order from Lind & Co?",
      "Still happy with your order from Lind & Co?",
    ]);
    expect(await mailTo(reviewed.customer.email!)).toHaveLength(1);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: quiet.request.id } })).toMatchObject({
      status: "reminded",
    });

    await markRequestItemReviewed({
      shop: reviewed.shop,
      requestId: reviewed.request.id,
      productShopifyId: MUG.shopifyId,
      reviewedAt: t("2026-05-23T10:00:00Z"),
    });
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: reviewed.request.id } })).toMatchObject({
      status: "reviewed",
    });
    expect(await timeline(reviewed.request.id)).toEqual([
      "scheduled",
      "sent",
      "item_reviewed",
      "item_reviewed",
      "reviewed",
    ]);
  });

  it("does not email a customer who unsubscribed after the request was scheduled", async () => {
    const { shop, customer, request } = await dueRequest();
    await db.emailSuppression.create({ data: { shop, email: customer.email! } });
    expect(await dispatchDueRequests({ now: t("2026-05-15T08:01:00Z"), shop })).toMatchObject({ skipped: 1, sent: 0 });
    expect(await mailTo(customer.email!)).toHaveLength(0);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "skipped",
      cancelReason: "opted_out",
    });
  });

  it("defers a request whose customer got another request email within the cap", async () => {
    const { shop, customer, request } = await dueRequest();
    const other = await createOrder(shop, { customer, fulfilledAt: t("2026-04-20T08:00:00Z"), lines: [MUG] });
    await db.reviewRequest.create({
      data: {
        shop,
        orderId: other.id,
        customerId: customer.id,
        email: customer.email,
        status: "sent",
        sendAt: t("2026-05-10T08:00:00Z"),
        sentAt: t("2026-05-10T08:00:00Z"),
      },
    });
    expect(await dispatchDueRequests({ now: t("2026-05-15T08:01:00Z"), shop })).toMatchObject({
      rescheduled: 1,
      sent: 0,
    });
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after.sendAt.toISOString()).toBe("2026-06-09T08:00:00.000Z");
  });

  it("retries after the relay refuses, with the same Message-ID, and sends once", async () => {
    const { shop, customer, request } = await dueRequest();
    const refusing: MailTransport = {
      name: "refusing",
      send: async () => {
        throw Object.assign(new Error("451 4.3.0 Temporary local problem"), {
          code: "EMESSAGE",
          responseCode: 451,
          command: "DATA",
        });
      },
    };
    const at = t("2026-05-15T08:01:00Z");
    expect(await dispatchDueRequests({ now: at, shop, transport: refusing })).toMatchObject({ failed: 1 });
    let after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ status: "scheduled" });
    expect(after.sendAt.toISOString()).toBe(minutes(at, 15).toISOString());

    expect(await dispatchDueRequests({ now: minutes(at, 16), shop })).toMatchObject({ sent: 1 });
    after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after.status).toBe("sent");
    expect(await mailTo(customer.email!)).toHaveLength(1);
    expect(await db.emailMessage.findMany({ where: { requestId: request.id } })).toMatchObject([
      { status: "sent", attempts: 2 },
    ]);
    expect(await timeline(request.id)).toEqual(["scheduled", "send_failed", "sent"]);
  });

  it("a crash between the SMTP hand-off and the record never sends a second email", async () => {
    const { shop, customer, request } = await dueRequest();
    const smtp = smtpTransportFromEnv();
    // The relay accepts the message, then the process dies: nothing after the hand-off runs.
    const crashingAfterSend: MailTransport = {
      name: "crashing",
      send: async (email) => {
        await smtp.send(email);
        return new Promise<never>(() => undefined);
      },
    };
    const at = t("2026-05-15T08:01:00Z");
    void dispatchDueRequests({ now: at, shop, transport: crashingAfterSend });
    await vi.waitFor(async () => expect(await mailTo(customer.email!)).toHaveLength(1));
    expect(await db.emailMessage.findFirstOrThrow({ where: { requestId: request.id } })).toMatchObject({
      status: "sending",
    });

    // Another worker inside the lease leaves it alone; after the lease it settles it without sending.
    expect(await dispatchDueRequests({ now: minutes(at, 2), shop })).toMatchObject({ claimed: 0 });
    const afterLease = new Date(at.getTime() + SEND_LEASE_MS + 60_000);
    expect(await dispatchDueRequests({ now: afterLease, shop })).toMatchObject({ unconfirmed: 1, sent: 0 });
    expect(await dispatchDueRequests({ now: minutes(afterLease, 1), shop })).toMatchObject({ claimed: 0 });

    expect(await mailTo(customer.email!)).toHaveLength(1);
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ status: "sent" });
    expect(after.sentAt?.toISOString()).toBe(at.toISOString());
    expect(await db.emailMessage.findMany({ where: { requestId: request.id } })).toMatchObject([
      { status: "unconfirmed", attempts: 1 },
    ]);
    expect(await timeline(request.id)).toEqual(["scheduled", "send_unconfirmed"]);
  });

  it("fails with a clear message when SMTP_URL is not set", async () => {
    const { shop } = await dueRequest();
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      await expect(dispatchDueRequests({ now: t("2026-05-15T08:01:00Z"), shop })).rejects.toThrow(
        /SMTP_URL is not set/,
      );
    } finally {
      process.env.SMTP_URL = saved;
    }
  });
});

describe("request figures for the admin home", () => {
  it("counts sent requests, the review rate and the median days from delivery to review", async () => {
    const shop = await createShop();
    const customer = await createCustomer(shop);
    const deliveredAt = t("2026-05-03T12:00:00Z");
    const reviewDays = [2, 4, 9];
    for (const [i, days] of [...reviewDays, null].entries()) {
      const order = await createOrder(shop, {
        customer,
        fulfilledAt: t("2026-05-01T08:00:00Z"),
        deliveredAt,
        lines: [MUG],
      });
      await db.reviewRequest.create({
        data: {
          shop,
          orderId: order.id,
          status: days === null ? "sent" : "reviewed",
          sendAt: t("2026-05-08T12:00:00Z"),
          sentAt: t("2026-05-08T12:00:00Z"),
          items: {
            create: [
              {
                shop,
                productShopifyId: MUG.shopifyId,
                title: MUG.title,
                reviewedAt: days === null ? null : new Date(deliveredAt.getTime() + days * 86_400_000),
              },
            ],
          },
        },
      });
      if (days !== null) {
        await db.review.create({
          data: {
            shop,
            productShopifyId: MUG.shopifyId,
            orderId: order.id,
            customerId: customer.id,
            rating: 4 + (i % 2),
            body: "Good",
            displayName: "Åsa",
            createdAt: new Date(deliveredAt.getTime() + days * 86_400_000),
          },
        });
      }
    }
    await db.reviewRequest.create({
      data: { shop, orderId: "not-sent-yet", status: "scheduled", sendAt: t("2026-06-01T08:00:00Z") },
    });
    expect(await requestFigures(shop)).toEqual({
      sent: 4,
      reviewed: 3,
      reviewRate: 0.75,
      medianDaysDeliveryToReview: 4,
    });
    expect(await requestFigures("no-such-shop.myshopify.com")).toEqual({
      sent: 0,
      reviewed: 0,
      reviewRate: null,
      medianDaysDeliveryToReview: null,
    });
  });
});
