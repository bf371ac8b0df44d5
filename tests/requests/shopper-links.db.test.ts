import db from "~/db.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/r.$token_.unsubscribe";
import { action as notArrivedAction, loader as notArrivedLoader } from "~/routes/r.$token_.not-arrived";
import { dispatchDueRequests, loadRequestForToken, syncReviewRequestForOrder } from "~/modules/requests";
import { captureEmailDuringTests } from "../support/smtp";
import { signRequestToken } from "~/modules/requests/shopper-pages/token.server";
import { createCustomer, createOrder, createShop, timeline } from "./factories";

const t = (iso: string) => new Date(iso);
captureEmailDuringTests();

async function sentRequest(locale = "sv") {
  const shop = await createShop({ name: "Lind & Co" });
  const customer = await createCustomer(shop, { locale });
  const order = await createOrder(shop, { customer, fulfilledAt: t("2026-05-01T08:00:00Z") });
  await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-05-01T09:00:00Z") });
  let request = await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } });
  await db.reviewRequest.update({
    where: { id: request.id },
    data: { sendAt: new Date(Date.now() - 60_000), sendNowRequestedAt: new Date() },
  });
  await dispatchDueRequests({ shop });
  request = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
  expect(request.status).toBe("sent");
  const token = signRequestToken({ requestId: request.id, shop, expiresAt: new Date(Date.now() + 30 * 86_400_000) });
  return { shop, customer, request, token };
}

const call = (path: string, init?: RequestInit) => new Request(`http://localhost:3000${path}`, init);
const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("/r/:token/unsubscribe", () => {
  it("GET shows a confirm page in the shopper's language and changes nothing", async () => {
    const { token, customer, shop } = await sentRequest("sv");
    const response = (await unsubscribeLoader({
      request: call(`/r/${token}/unsubscribe`),
      params: { token },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const body = await response.json();
    expect(body).toMatchObject({ view: "confirm", lang: "sv", shopName: "Lind & Co" });
    expect(body.text.unsubscribeQuestion).toBe("Vill du sluta få mejl från Lind & Co som ber dig recensera dina köp?");
    expect(await db.emailSuppression.count({ where: { shop, email: customer.email! } })).toBe(0);
  });

  it("the button's POST unsubscribes: no reminder, no future requests", async () => {
    const { token, customer, shop, request } = await sentRequest("en");
    const response = (await unsubscribeAction({
      request: call(`/r/${token}/unsubscribe`, form({ intent: "unsubscribe" })),
      params: { token },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      view: "done",
      text: { unsubscribedBody: "Lind & Co won't send you any more review requests." },
    });
    expect(
      await db.emailSuppression.findUnique({ where: { shop_email: { shop, email: customer.email! } } }),
    ).not.toBeNull();
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).optedOutAt).not.toBeNull();
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).reminderAt).toBeNull();
    expect(await timeline(request.id)).toContain("unsubscribed");

    // A later order of the same customer is skipped, with the reason on its timeline.
    const order = await createOrder(shop, { customer, fulfilledAt: t("2026-06-01T08:00:00Z") });
    await syncReviewRequestForOrder({ shop, orderId: order.id }, { now: t("2026-06-01T09:00:00Z") });
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { orderId: order.id } })).toMatchObject({
      status: "skipped",
      cancelReason: "opted_out",
    });
  });

  it("accepts a mail client's RFC 8058 one-click POST, twice, without a page visit", async () => {
    const { token, customer, shop, request } = await sentRequest();
    for (let click = 1; click <= 2; click++) {
      const response = (await unsubscribeAction({
        request: call(`/r/${token}/unsubscribe`, form({ "List-Unsubscribe": "One-Click" })),
        params: { token },
        context: {},
      })) as Response;
      expect(response.status).toBe(200);
    }
    expect(await db.emailSuppression.count({ where: { shop, email: customer.email! } })).toBe(1);
    expect((await timeline(request.id)).filter((e) => e === "unsubscribed")).toHaveLength(1);
  });

  it("still works with an expired (but authentic) link; refuses a forged one", async () => {
    const { shop, request } = await sentRequest();
    const expired = signRequestToken({ requestId: request.id, shop, expiresAt: new Date(Date.now() - 86_400_000) });
    const ok = (await unsubscribeAction({
      request: call(`/r/${expired}/unsubscribe`, form({ "List-Unsubscribe": "One-Click" })),
      params: { token: expired },
      context: {},
    })) as Response;
    expect(ok.status).toBe(200);
    const forged = signRequestToken(
      { requestId: request.id, shop, expiresAt: new Date(Date.now() + 86_400_000) },
      "not-our-secret",
    );
    const refused = (await unsubscribeAction({
      request: call(`/r/${forged}/unsubscribe`, {
        ...form({}),
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "sv-SE,sv;q=0.9" },
      }),
      params: { token: forged },
      context: {},
    })) as Response;
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      view: "problem",
      lang: "sv",
      text: { linkProblemTitle: "Länken fungerar inte" },
    });
  });
});

describe("/r/:token/not-arrived", () => {
  const postpone = (token: string) =>
    notArrivedAction({
      request: call(`/r/${token}/not-arrived`, form({ intent: "not-arrived" })),
      params: { token },
      context: {},
    }) as Promise<Response>;

  it("GET only asks; POST postpones by 7 days and shows the date; twice at most, then stops asking", async () => {
    const { token, request, shop } = await sentRequest("en");
    const page = (await notArrivedLoader({
      request: call(`/r/${token}/not-arrived`),
      params: { token },
      context: {},
    })) as Response;
    expect(await page.json()).toMatchObject({ view: "confirm", question: "Hasn't your order arrived yet?" });
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).postponeCount).toBe(0);

    const first = await (await postpone(token)).json();
    let row = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: "scheduled", postponeCount: 1, reminderAt: null });
    const days = (row.sendAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.5);
    expect(days).toBeLessThan(8.5);
    const shown = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/Stockholm" }).format(
      row.sendAt,
    );
    expect(first.message).toBe(`We're sorry it hasn't arrived yet. We'll ask you again on ${shown}.`);

    // A double click before the new date does not count twice.
    await postpone(token);
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).postponeCount).toBe(1);

    // The re-ask goes out, the shopper postpones again, then a third time: we stop.
    await db.reviewRequest.update({
      where: { id: request.id },
      data: { sendAt: new Date(Date.now() - 60_000), sendNowRequestedAt: new Date() },
    });
    expect(await dispatchDueRequests({ shop })).toMatchObject({ sent: 1 });
    await postpone(token);
    row = await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ status: "scheduled", postponeCount: 2 });
    await db.reviewRequest.update({
      where: { id: request.id },
      data: { sendAt: new Date(Date.now() - 60_000), sendNowRequestedAt: new Date() },
    });
    expect(await dispatchDueRequests({ shop })).toMatchObject({ sent: 1 });

    const third = await (await postpone(token)).json();
    expect(third.message).toBe(
      "We won't ask about this order again for now. If something went wrong with your delivery, please contact Lind & Co.",
    );
    expect(await db.reviewRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "cancelled",
      cancelReason: "not_arrived",
    });
    expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(3);
    expect(await timeline(request.id)).toEqual([
      "scheduled",
      "sent",
      "postponed",
      "sent",
      "postponed",
      "sent",
      "stopped_after_postpones",
    ]);
    expect(await loadRequestForToken(token)).toEqual({ ok: false, reason: "cancelled" });
  });

  it("answers in Swedish", async () => {
    const { token } = await sentRequest("sv");
    const body = await (await postpone(token)).json();
    expect(body.title).toBe("Tack för att du berättade");
    expect(body.message).toMatch(
      /^Vi beklagar att den inte har kommit fram än\. Vi frågar dig igen den \d{1,2} \p{L}+ 20\d\d\.$/u,
    );
  });
});
