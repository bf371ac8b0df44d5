// The merchant's actions on one review request (send now, cancel, resume), through the detail route with a
// real admin session token, the real job queue and dispatcher, and real SMTP into the local capture.
import { DateTime } from "luxon";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import { captureEmailDuringTests } from "../support/smtp";
import {
  dispatchDueRequests,
  loadRequestForToken,
  postponeByToken,
  sendRequestNow,
  syncReviewRequestForOrder,
} from "~/modules/requests";
import { addLocalDays, reminderDueAt } from "~/modules/requests/scheduling/schedule";
import { signRequestToken } from "~/modules/requests/shopper-pages/token.server";
import { getSettings, updateSettings } from "~/modules/settings";
import { action as detailAction, loader as detailLoader } from "~/routes/app.requests.$id/route";
import {
  actionArgs,
  adminFormPost,
  adminPageRequest,
  installedShop,
  jsonOf,
  loaderArgs,
  responseOf,
} from "../admin/support";
import { MUG, createCustomer, createOrder, timeline } from "./factories";

const ZONE = "Europe/Stockholm";
captureEmailDuringTests();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mailTo = (address: string) => db.capturedEmail.findMany({ where: { envelopeTo: address } });

/** Yesterday 10:00 UTC: inside the default send window in Stockholm, so plans land on whole days from it. */
function yesterdayMorning(): Date {
  return DateTime.utc().minus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/** An installed shop with one customer and a fulfilled order whose request is scheduled ~two weeks out. */
async function scheduledRequest(settings: Record<string, unknown> = {}) {
  const shop = await installedShop({ timezone: ZONE });
  if (Object.keys(settings).length > 0) expect(await updateSettings(shop, settings)).toMatchObject({ ok: true });
  const customer = await createCustomer(shop);
  const order = await createOrder(shop, { customer, fulfilledAt: yesterdayMorning() });
  await syncReviewRequestForOrder({ shop, orderId: order.id });
  const request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
  expect(request.status).toBe("scheduled");
  expect(request.sendAt.getTime()).toBeGreaterThan(Date.now() + 7 * 86_400_000);
  return { shop, customer, order, request };
}

/** A request due a minute ago, in a shop whose send window is the whole day. */
async function dueRequest() {
  const made = await scheduledRequest({ sendWindowStartHour: 0, sendWindowEndHour: 24 });
  const request = await db.reviewRequest.update({
    where: { id: made.request.id },
    data: { sendAt: new Date(Date.now() - 60_000) },
  });
  return { ...made, request };
}

/** A request whose email went out (sent by the dispatcher), with its one reminder pending. */
async function sentRequest() {
  const made = await dueRequest();
  expect(await dispatchDueRequests({ shop: made.shop })).toMatchObject({ sent: 1 });
  const request = await db.reviewRequest.findUniqueOrThrow({ where: { id: made.request.id } });
  expect(request).toMatchObject({ status: "sent", remindedAt: null });
  expect(request.reminderAt).not.toBeNull();
  return { ...made, request };
}

type ActionBody = { ok: boolean; message: string };

async function act(shop: string, requestId: string, intent: string): Promise<{ status: number; body: ActionBody }> {
  const request = await adminFormPost(shop, `/app/requests/${requestId}`, { intent });
  const response = await responseOf(() => detailAction(actionArgs(request, { id: requestId })));
  return { status: response.status, body: (await response.json()) as ActionBody };
}

interface DetailData {
  request: {
    status: string;
    cancelReason: string | null;
    cancelledByMerchant: boolean;
    dates: Record<string, string | null>;
  };
  actions: { sendNow: boolean; sendNowPending: boolean; cancel: "request" | "reminder" | null; resume: boolean };
  sendWindow: string;
  frequencyCapDays: number;
  timeline: { at: string; title: string; lines: string[] }[];
}

async function openDetail(shop: string, requestId: string): Promise<DetailData> {
  const request = await adminPageRequest(shop, `/app/requests/${requestId}`);
  return jsonOf<DetailData>(() => detailLoader(loaderArgs(request, { id: requestId })));
}

/** Everything an action could change: the row, its products, its timeline, its emails and the job queue. */
async function snapshot(requestId: string) {
  const [row, items, events, emails, jobs] = await Promise.all([
    db.reviewRequest.findUniqueOrThrow({ where: { id: requestId } }),
    db.reviewRequestItem.findMany({ where: { requestId }, orderBy: { position: "asc" } }),
    db.requestEvent.findMany({ where: { requestId }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    db.emailMessage.count({ where: { requestId } }),
    db.job.count(),
  ]);
  return { row, items, events, emails, jobs };
}

describe("Send now", () => {
  it("goes out with the next drain of the job queue, outside the send window and past the frequency cap, once", async () => {
    // A send window that is closed now and for the next hour, in the shop's time zone.
    const hour = DateTime.now().setZone(ZONE).hour;
    const window =
      hour < 12 ? { sendWindowStartHour: 14, sendWindowEndHour: 20 } : { sendWindowStartHour: 2, sendWindowEndHour: 8 };
    const { shop, customer, request } = await scheduledRequest(window);
    // The same customer got another request two days ago: the 30-day cap would hold this one back.
    const other = await createOrder(shop, { customer, fulfilledAt: yesterdayMorning(), lines: [MUG] });
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await db.reviewRequest.create({
      data: {
        shop,
        orderId: other.id,
        customerId: customer.id,
        email: customer.email,
        status: "sent",
        sendAt: twoDaysAgo,
        sentAt: twoDaysAgo,
      },
    });

    const before = await openDetail(shop, request.id);
    expect(before.actions).toEqual({ sendNow: true, sendNowPending: false, cancel: "request", resume: false });
    expect(before.frequencyCapDays).toBe(30);

    const pressed = await act(shop, request.id, "send-now");
    expect(pressed).toEqual({ status: 200, body: { ok: true, message: "Queued to send now" } });
    expect(await mailTo(customer.email!)).toHaveLength(0);
    const queued = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(queued.status).toBe("scheduled");
    expect(queued.sendNowRequestedAt).not.toBeNull();
    expect(queued.sendAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await openDetail(shop, request.id)).actions).toMatchObject({ sendNow: true, sendNowPending: true });

    // A second click before the dispatcher ran changes nothing and queues nothing more.
    const jobsBefore = await db.job.count();
    expect(await act(shop, request.id, "send-now")).toEqual({
      status: 200,
      body: { ok: true, message: "Already queued to send now" },
    });
    expect(await db.job.count()).toBe(jobsBefore);

    const drained = await drainJobs(jobDefinitions);
    expect(drained.succeeded).toBeGreaterThanOrEqual(1);
    const received = await mailTo(customer.email!);
    expect(received).toHaveLength(1);
    expect(received[0].subject).toBe("How was your order from Lind & Co?");
    const sent = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(sent).toMatchObject({ status: "sent", sendNowRequestedAt: null, claimedUntil: null });
    expect(await timeline(request.id)).toEqual(["scheduled", "merchant_send_now", "sent"]);

    // Once sent, "Send now" is refused and nothing more goes out.
    const again = await act(shop, request.id, "send-now");
    expect(again).toEqual({
      status: 409,
      body: { ok: false, message: "Only a scheduled request can be sent now. This one is sent." },
    });
    await drainJobs(jobDefinitions);
    expect(await mailTo(customer.email!)).toHaveLength(1);
    expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(1);
  });

  it("is refused for a customer who unsubscribed, and changes nothing", async () => {
    const { shop, customer, request } = await scheduledRequest();
    await db.emailSuppression.create({ data: { shop, email: customer.email! } });
    const before = await snapshot(request.id);
    const refused = await act(shop, request.id, "send-now");
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      ok: false,
      message:
        "This customer unsubscribed from review requests. Kundröst never emails a customer who opted out, not even when you ask.",
    });
    expect(await snapshot(request.id)).toEqual(before);
  });

  it("is refused for an order that was refunded in full, and changes nothing", async () => {
    const { shop, order, request } = await scheduledRequest();
    await db.order.update({ where: { id: order.id }, data: { financialStatus: "refunded" } });
    const before = await snapshot(request.id);
    expect(await act(shop, request.id, "send-now")).toEqual({
      status: 409,
      body: { ok: false, message: "The order was refunded in full, so it no longer qualifies for a review request." },
    });
    expect(await snapshot(request.id)).toEqual(before);
  });

  it("still obeys an opt-out or an order cancellation that arrives after the click", async () => {
    const optedOut = await scheduledRequest();
    const cancelled = await scheduledRequest();
    expect((await act(optedOut.shop, optedOut.request.id, "send-now")).status).toBe(200);
    expect((await act(cancelled.shop, cancelled.request.id, "send-now")).status).toBe(200);
    // Before the dispatcher runs: the shopper unsubscribes (from another email), the other order is cancelled.
    await db.emailSuppression.create({ data: { shop: optedOut.shop, email: optedOut.customer.email! } });
    await db.order.update({ where: { id: cancelled.order.id }, data: { cancelledAt: new Date() } });

    await drainJobs(jobDefinitions);
    expect(await mailTo(optedOut.customer.email!)).toHaveLength(0);
    expect(await mailTo(cancelled.customer.email!)).toHaveLength(0);
    expect(
      await db.emailMessage.count({ where: { requestId: { in: [optedOut.request.id, cancelled.request.id] } } }),
    ).toBe(0);
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: optedOut.request.id } })).toMatchObject({
      status: "skipped",
      cancelReason: "opted_out",
    });
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: cancelled.request.id } })).toMatchObject({
      status: "cancelled",
      cancelReason: "order_cancelled",
    });
  });

  it("is not undone by a later order event that would plan a later date", async () => {
    const { shop, order, request } = await scheduledRequest();
    expect((await act(shop, request.id, "send-now")).status).toBe(200);
    const queued = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    // The parcel is delivered: the plan alone would move the request to delivery + 5 days.
    await db.order.update({ where: { id: order.id }, data: { deliveredAt: new Date() } });
    await syncReviewRequestForOrder({ shop, orderId: order.id });
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after.sendAt.toISOString()).toBe(queued.sendAt.toISOString());
    expect(after.sendNowRequestedAt).not.toBeNull();
  });
});

describe("Cancel", () => {
  it("stops a due request: nothing is sent, and the timeline shows the merchant's cancel with its time", async () => {
    const { shop, customer, request } = await dueRequest();
    const cancelled = await act(shop, request.id, "cancel");
    expect(cancelled).toEqual({ status: 200, body: { ok: true, message: "Request cancelled" } });

    expect(await dispatchDueRequests({ shop })).toMatchObject({ claimed: 0, sent: 0 });
    await drainJobs(jobDefinitions);
    expect(await mailTo(customer.email!)).toHaveLength(0);
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({
      status: "cancelled",
      cancelReason: "cancelled_by_merchant",
      reminderAt: null,
      sendNowRequestedAt: null,
    });

    const detail = await openDetail(shop, request.id);
    expect(detail.request).toMatchObject({
      status: "cancelled",
      cancelReason: "cancelled_by_merchant",
      cancelledByMerchant: true,
    });
    expect(detail.actions).toEqual({ sendNow: false, sendNowPending: false, cancel: null, resume: true });
    const entry = detail.timeline.find((e) => e.title === "You cancelled it");
    expect(entry).toBeDefined();
    expect(entry!.lines[0]).toMatch(/^The request email due .+ will not be sent\.$/);
    const event = await db.requestEvent.findFirstOrThrow({
      where: { requestId: request.id, type: "merchant_cancelled" },
    });
    expect(Math.abs(event.at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(entry!.at).toBe(DateTime.fromJSDate(event.at, { zone: ZONE }).toFormat("d LLL yyyy, HH:mm"));
  });

  it("cancels a pending send-now before the dispatcher runs", async () => {
    const { shop, customer, request } = await scheduledRequest();
    expect((await act(shop, request.id, "send-now")).status).toBe(200);
    expect((await act(shop, request.id, "cancel")).body).toEqual({ ok: true, message: "Request cancelled" });
    await drainJobs(jobDefinitions);
    expect(await mailTo(customer.email!)).toHaveLength(0);
    expect(await timeline(request.id)).toEqual(["scheduled", "merchant_send_now", "merchant_cancelled"]);
  });

  it("on a sent request drops only the pending reminder: the review link keeps working, 'not arrived yet' asks no more", async () => {
    const { shop, customer, request } = await sentRequest();
    expect((await openDetail(shop, request.id)).actions).toEqual({
      sendNow: false,
      sendNowPending: false,
      cancel: "reminder",
      resume: false,
    });
    expect(await act(shop, request.id, "cancel")).toEqual({
      status: 200,
      body: { ok: true, message: "Reminder cancelled" },
    });
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ status: "sent", reminderAt: null, cancelReason: "cancelled_by_merchant" });

    // Long after the reminder would have been due: nothing.
    expect(await dispatchDueRequests({ shop, now: new Date(Date.now() + 30 * 86_400_000) })).toMatchObject({
      claimed: 0,
    });
    expect(await mailTo(customer.email!)).toHaveLength(1);

    const token = signRequestToken({ requestId: request.id, shop, expiresAt: new Date(Date.now() + 86_400_000) });
    expect(await loadRequestForToken(token)).toMatchObject({ ok: true });
    expect(await postponeByToken(token)).toMatchObject({ ok: true, outcome: "closed" });
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "sent",
      reminderAt: null,
      postponeCount: 0,
    });
  });
});

describe("Resume", () => {
  it("schedules a cancelled request again with its date worked out from the settings as they are now", async () => {
    const { shop, order, request } = await scheduledRequest();
    expect((await act(shop, request.id, "cancel")).status).toBe(200);
    expect(await updateSettings(shop, { daysAfterFulfillment: 20 })).toMatchObject({ ok: true });

    const resumed = await act(shop, request.id, "resume");
    expect(resumed.status).toBe(200);
    const expected = addLocalDays(order.fulfilledAt!, 20, ZONE);
    expect(resumed.body).toEqual({
      ok: true,
      message: `Request resumed: sends ${DateTime.fromJSDate(expected, { zone: ZONE }).toFormat("d LLL yyyy, HH:mm")}`,
    });
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ status: "scheduled", cancelReason: null, sendNowRequestedAt: null });
    expect(after.sendAt.toISOString()).toBe(expected.toISOString());
    expect(await timeline(request.id)).toEqual(["scheduled", "merchant_cancelled", "merchant_resumed"]);
    expect((await openDetail(shop, request.id)).actions).toMatchObject({
      sendNow: true,
      cancel: "request",
      resume: false,
    });

    // A second click finds it scheduled already.
    expect(await act(shop, request.id, "resume")).toEqual({
      status: 409,
      body: { ok: false, message: "This request is already scheduled." },
    });
  });

  it("only while the order still qualifies", async () => {
    const { shop, order, request } = await scheduledRequest();
    expect((await act(shop, request.id, "cancel")).status).toBe(200);
    await db.order.update({ where: { id: order.id }, data: { cancelledAt: new Date() } });
    // The order's cancellation keeps the merchant's reason (the request was already cancelled).
    await syncReviewRequestForOrder({ shop, orderId: order.id });
    const before = await snapshot(request.id);
    expect(before.row).toMatchObject({ status: "cancelled", cancelReason: "cancelled_by_merchant" });
    expect(await act(shop, request.id, "resume")).toEqual({
      status: 409,
      body: { ok: false, message: "The order was cancelled, so it no longer qualifies for a review request." },
    });
    expect(await snapshot(request.id)).toEqual(before);
  });

  it("brings back a cancelled reminder on the day the settings give", async () => {
    const { shop, request } = await sentRequest();
    expect((await act(shop, request.id, "cancel")).status).toBe(200);
    expect((await openDetail(shop, request.id)).actions).toMatchObject({ cancel: null, resume: true });
    const resumed = await act(shop, request.id, "resume");
    expect(resumed.status).toBe(200);
    expect(resumed.body.message).toMatch(/^Reminder resumed: sends /);
    const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    const expected = reminderDueAt(after.lastSentAt!, false, await getSettings(shop), ZONE);
    expect(after).toMatchObject({ status: "sent", cancelReason: null });
    expect(after.reminderAt?.toISOString()).toBe(expected!.toISOString());
    expect(await timeline(request.id)).toEqual(["scheduled", "sent", "merchant_cancelled", "merchant_resumed"]);
  });
});

describe("an action that does not apply", () => {
  it("answers with a clear message and changes nothing", async () => {
    const { shop, request: scheduled } = await scheduledRequest();
    const { request: sent } = await sentRequest();
    const sentShop = sent.shop;
    const orderCancelled = await scheduledRequest();
    await db.reviewRequest.update({
      where: { id: orderCancelled.request.id },
      data: { status: "cancelled", cancelReason: "order_cancelled" },
    });
    const reviewed = await scheduledRequest();
    await db.reviewRequest.update({
      where: { id: reviewed.request.id },
      data: { status: "reviewed", reviewedAt: new Date() },
    });
    const skipped = await scheduledRequest();
    await db.reviewRequest.update({
      where: { id: skipped.request.id },
      data: { status: "skipped", cancelReason: "opted_out" },
    });

    const cases: [string, string, string, string][] = [
      [shop, scheduled.id, "resume", "This request is already scheduled."],
      [sentShop, sent.id, "send-now", "Only a scheduled request can be sent now. This one is sent."],
      [sentShop, sent.id, "resume", "Only a request you cancelled here can be resumed. This one is sent."],
      [
        orderCancelled.shop,
        orderCancelled.request.id,
        "send-now",
        "Only a scheduled request can be sent now. This one is cancelled.",
      ],
      [orderCancelled.shop, orderCancelled.request.id, "cancel", "This request is already cancelled."],
      [
        orderCancelled.shop,
        orderCancelled.request.id,
        "resume",
        "Only a request you cancelled here can be resumed. This one stopped because: order cancelled.",
      ],
      [
        reviewed.shop,
        reviewed.request.id,
        "cancel",
        "Nothing is waiting to be sent for this request (it is reviewed), so there is nothing to cancel.",
      ],
      [
        reviewed.shop,
        reviewed.request.id,
        "send-now",
        "Only a scheduled request can be sent now. This one is reviewed.",
      ],
      [
        skipped.shop,
        skipped.request.id,
        "cancel",
        "Nothing is waiting to be sent for this request (it is skipped), so there is nothing to cancel.",
      ],
    ];
    for (const [caseShop, id, intent, message] of cases) {
      const before = await snapshot(id);
      expect(await act(caseShop, id, intent), `${intent} on ${before.row.status}`).toEqual({
        status: 409,
        body: { ok: false, message },
      });
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it("refuses an unknown intent with 400 and changes nothing", async () => {
    const { shop, request } = await scheduledRequest();
    const before = await snapshot(request.id);
    for (const intent of ["delete", ""]) {
      expect(await act(shop, request.id, intent)).toEqual({
        status: 400,
        body: { ok: false, message: "That action is not available here. Reload the page and try again." },
      });
    }
    expect(await snapshot(request.id)).toEqual(before);
  });

  it("says so while the dispatcher holds the request, and changes nothing", async () => {
    const { shop, request } = await dueRequest();
    await db.reviewRequest.update({ where: { id: request.id }, data: { claimedUntil: new Date(Date.now() + 60_000) } });
    const before = await snapshot(request.id);
    for (const intent of ["send-now", "cancel"]) {
      expect(await act(shop, request.id, intent)).toEqual({
        status: 409,
        body: {
          ok: false,
          message:
            "Kundröst is sending or re-checking this request right now. Reload the page in a minute to see what happened.",
        },
      });
    }
    expect(await snapshot(request.id)).toEqual(before);
  });
});

describe("another shop's request", () => {
  it("is not found, for reading and for every action, and nothing changes", async () => {
    const { request } = await scheduledRequest();
    const otherShop = await installedShop();
    const before = await snapshot(request.id);
    for (const intent of ["send-now", "cancel", "resume"]) {
      const post = await adminFormPost(otherShop, `/app/requests/${request.id}`, { intent });
      const response = await responseOf(() => detailAction(actionArgs(post, { id: request.id })));
      expect(response.status, intent).toBe(404);
      expect(await response.json()).toMatchObject({ merchantError: true, title: "Review request not found" });
    }
    const page = await responseOf(async () =>
      detailLoader(loaderArgs(await adminPageRequest(otherShop, `/app/requests/${request.id}`), { id: request.id })),
    );
    expect(page.status).toBe(404);
    // The module itself filters by shop too.
    expect(await sendRequestNow({ shop: otherShop, requestId: request.id })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await snapshot(request.id)).toEqual(before);
  });
});

describe("racing", () => {
  it("send-now clicked twice while the dispatcher sends the same due request: one email", async () => {
    const answers = new Set<string>();
    // The dispatcher starts before, with, and after the clicks, so the race goes both ways across rounds.
    for (const delayMs of [0, 5, 20, 60, 120]) {
      const { shop, customer, request } = await dueRequest();
      const [, first, second] = await Promise.all([
        sleep(delayMs).then(() => dispatchDueRequests({ shop })),
        act(shop, request.id, "send-now"),
        act(shop, request.id, "send-now"),
      ]);
      for (const answer of [first, second]) {
        expect([200, 409]).toContain(answer.status);
        answers.add(answer.body.message);
      }
      await drainJobs(jobDefinitions);
      await dispatchDueRequests({ shop });

      expect(await mailTo(customer.email!), `dispatcher after ${delayMs} ms`).toHaveLength(1);
      expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(1);
      expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "sent" });
      expect(
        await db.requestEvent.count({ where: { requestId: request.id, type: "merchant_send_now" } }),
      ).toBeLessThanOrEqual(1);
    }
    // At least one round let a click through before the dispatcher (not only refusals).
    expect(answers).toContain("Queued to send now");
  });

  it("cancel racing the dispatcher: either cancelled and nothing sent, or sent once and the request email not cancelled", async () => {
    for (const delayMs of [0, 5, 20, 60, 120]) {
      const { shop, customer, request } = await dueRequest();
      const [, cancel] = await Promise.all([
        sleep(delayMs).then(() => dispatchDueRequests({ shop })),
        act(shop, request.id, "cancel"),
      ]);
      await dispatchDueRequests({ shop });
      const emails = await mailTo(customer.email!);
      const after = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
      if (cancel.body.message === "Request cancelled") {
        expect(emails).toHaveLength(0);
        expect(after.status).toBe("cancelled");
      } else {
        expect(emails).toHaveLength(1);
        expect(after.status).toBe("sent");
      }
    }
  });
});
