// The Requests screen and a request's detail, through the routes a merchant's browser calls.
import db from "~/db.server";
import { loader as listLoader } from "~/routes/app.requests._index/route";
import { loader as detailLoader } from "~/routes/app.requests.$id/route";
import { listReviewRequests } from "~/modules/requests";
import {
  adminPageRequest,
  createCustomer,
  createRequest,
  installedShop,
  jsonOf,
  loaderArgs,
  responseOf,
} from "./support";

interface ListedRow {
  id: string;
  status: string;
  orderName: string | null;
  customerName: string | null;
  email: string | null;
  productCount: number;
  sendAt: string;
}
interface ListPage {
  rows: ListedRow[];
  nextCursor: string | null;
  prevCursor: string | null;
  zone: string;
}

async function openList(shop: string, query = ""): Promise<ListPage> {
  const request = await adminPageRequest(shop, `/app/requests${query ? `?${query}` : ""}`);
  return jsonOf<ListPage>(() => listLoader(loaderArgs(request)));
}

const minutes = (n: number) => new Date(Date.UTC(2025, 5, 1, 8, 0) + n * 60_000);

describe("the Requests list", () => {
  it("pages through every request exactly once, forwards and back, even when send dates tie", async () => {
    const shop = await installedShop();
    const created: string[] = [];
    // 120 requests over 40 distinct send times: three share each minute, so only the id breaks the tie.
    for (let i = 0; i < 120; i += 1)
      created.push((await createRequest(shop, { sendAt: minutes(Math.floor(i / 3)) })).id);

    const forward: ListedRow[][] = [];
    let page = await openList(shop);
    expect(page.prevCursor).toBeNull();
    forward.push(page.rows);
    while (page.nextCursor) {
      page = await openList(shop, `cursor=${page.nextCursor}&dir=next`);
      forward.push(page.rows);
    }
    expect(forward.map((rows) => rows.length)).toEqual([50, 50, 20]);
    const seen = forward.flat().map((row) => row.id);
    expect(new Set(seen).size).toBe(120);
    expect([...seen].sort()).toEqual([...created].sort());

    // Newest first: every row's send date is at or before the one above it.
    const sendTimes = await db.reviewRequest.findMany({
      where: { id: { in: seen } },
      select: { id: true, sendAt: true },
    });
    const sendAtOf = new Map(sendTimes.map((r) => [r.id, r.sendAt.getTime()]));
    for (let i = 1; i < seen.length; i += 1)
      expect(sendAtOf.get(seen[i])!).toBeLessThanOrEqual(sendAtOf.get(seen[i - 1])!);

    // Back from the last page: the same pages, in the same order.
    expect(page.prevCursor).not.toBeNull();
    const back = await openList(shop, `cursor=${page.prevCursor}&dir=prev`);
    expect(back.rows.map((r) => r.id)).toEqual(forward[1].map((r) => r.id));
    const first = await openList(shop, `cursor=${back.prevCursor}&dir=prev`);
    expect(first.rows.map((r) => r.id)).toEqual(forward[0].map((r) => r.id));
    expect(first.prevCursor).toBeNull();
    expect(first.nextCursor).not.toBeNull();
  });

  it("sorts oldest first on request and still covers every row", async () => {
    const shop = await installedShop();
    for (let i = 0; i < 7; i += 1) await createRequest(shop, { sendAt: minutes(i % 3) });
    const page = await listReviewRequests(shop, { order: "sendAt_asc", limit: 4 });
    const rest = await listReviewRequests(shop, { order: "sendAt_asc", limit: 4, cursor: page.nextCursor });
    expect(page.rows.length + rest.rows.length).toBe(7);
    expect(rest.nextCursor).toBeNull();
    const all = [...page.rows, ...rest.rows];
    for (let i = 1; i < all.length; i += 1)
      expect(all[i].sendAt.getTime()).toBeGreaterThanOrEqual(all[i - 1].sendAt.getTime());
  });

  it("never shows another shop's requests, whatever the search or cursor", async () => {
    const ours = await installedShop();
    const theirs = await installedShop();
    await createRequest(ours, { sendAt: minutes(1), email: "anna@example.se", orderName: "#1001" });
    const foreign = await createRequest(theirs, { sendAt: minutes(2), email: "anna@example.se", orderName: "#1001" });

    const all = await openList(ours);
    expect(all.rows).toHaveLength(1);
    expect(all.rows.map((r) => r.id)).not.toContain(foreign.id);
    expect((await openList(ours, "q=anna")).rows).toHaveLength(1);
    expect((await openList(ours, "q=%231001")).rows).toHaveLength(1);
  });

  it("shows each request's order, customer, status and product count", async () => {
    const shop = await installedShop();
    const customer = await createCustomer(shop, {
      firstName: "Åsa",
      lastName: "Lindström",
      email: "asa.lindstrom@example.se",
    });
    await createRequest(shop, {
      sendAt: minutes(0),
      status: "sent",
      sentAt: minutes(0),
      email: "asa.lindstrom@example.se",
      orderName: "#2042",
      customerId: customer.id,
      products: [
        { id: "8001", title: "Linen shirt" },
        { id: "8002", title: "Stoneware mug" },
      ],
    });
    const [row] = (await openList(shop)).rows;
    expect(row).toMatchObject({
      status: "sent",
      orderName: "#2042",
      customerName: "Åsa Lindström",
      email: "asa.lindstrom@example.se",
      productCount: 2,
      sendAt: "1 Jun 2025, 10:00", // 08:00 UTC in the shop's Stockholm summer time
    });
  });

  it("filters by status tab", async () => {
    const shop = await installedShop();
    for (const status of ["scheduled", "sent", "sent", "reviewed", "failed", "skipped", "cancelled", "reminded"]) {
      await createRequest(shop, { sendAt: minutes(0), status });
    }
    expect((await openList(shop, "status=sent")).rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect((await openList(shop, "status=failed")).rows.map((r) => r.status)).toEqual(["failed"]);
    expect((await openList(shop, "status=skipped")).rows).toHaveLength(1);
    // An unknown tab in a hand-edited URL shows everything rather than an error.
    expect((await openList(shop, "status=bogus")).rows).toHaveLength(8);
  });

  it("filters by send date, in whole days of the shop's time zone", async () => {
    const shop = await installedShop({ timezone: "Europe/Stockholm" });
    // 22:30 UTC on 31 May is already 1 June in Stockholm; 22:30 UTC on 1 June is 2 June there.
    const lateMay = await createRequest(shop, { sendAt: new Date("2025-05-31T21:30:00Z") });
    const firstJune = await createRequest(shop, { sendAt: new Date("2025-05-31T22:30:00Z") });
    const secondJune = await createRequest(shop, { sendAt: new Date("2025-06-01T22:30:00Z") });
    const june1 = await openList(shop, "from=2025-06-01&to=2025-06-01");
    expect(june1.rows.map((r) => r.id)).toEqual([firstJune.id]);
    const fromJune = await openList(shop, "from=2025-06-01");
    expect(fromJune.rows.map((r) => r.id)).toEqual([secondJune.id, firstJune.id]);
    const untilMay = await openList(shop, "to=2025-05-31");
    expect(untilMay.rows.map((r) => r.id)).toEqual([lateMay.id]);
  });

  it("finds requests by the start of the customer's email, whatever the case typed", async () => {
    const shop = await installedShop();
    const anna = await createRequest(shop, { sendAt: minutes(1), email: "anna.berg@example.se" });
    const annika = await createRequest(shop, { sendAt: minutes(2), email: "annika@example.com" });
    await createRequest(shop, { sendAt: minutes(3), email: "erik@example.se" });
    await createRequest(shop, { sendAt: minutes(4), email: "joanna@example.se" }); // contains "anna", not a prefix
    expect((await openList(shop, "q=ANN")).rows.map((r) => r.id)).toEqual([annika.id, anna.id]);
    expect((await openList(shop, "q=anna.berg%40example.se")).rows.map((r) => r.id)).toEqual([anna.id]);
    expect((await openList(shop, "q=anna.")).rows.map((r) => r.id)).toEqual([anna.id]);
    expect((await openList(shop, "q=annika%40example.com")).rows.map((r) => r.id)).toEqual([annika.id]);
    expect((await openList(shop, "q=nobody")).rows).toEqual([]);
  });

  it("finds requests by order number, with or without the #, and by its first digits", async () => {
    const shop = await installedShop();
    const order1001 = await createRequest(shop, { sendAt: minutes(1), orderName: "#1001" });
    const order1002 = await createRequest(shop, { sendAt: minutes(2), orderName: "#1002" });
    await createRequest(shop, { sendAt: minutes(3), orderName: "#2001" });
    expect((await openList(shop, "q=1001")).rows.map((r) => r.id)).toEqual([order1001.id]);
    expect((await openList(shop, "q=%231001")).rows.map((r) => r.id)).toEqual([order1001.id]);
    expect((await openList(shop, "q=100")).rows.map((r) => r.id)).toEqual([order1002.id, order1001.id]);
  });

  it("combines search, status and pages: a broad search pages without repeats", async () => {
    const shop = await installedShop();
    for (let i = 0; i < 9; i += 1) {
      await createRequest(shop, {
        sendAt: minutes(i % 2),
        email: `kund${i}@example.se`,
        status: i % 3 === 0 ? "sent" : "scheduled",
      });
    }
    await createRequest(shop, { sendAt: minutes(0), email: "other@example.se", status: "sent" });
    const first = await listReviewRequests(shop, { query: "kund", status: "scheduled", limit: 4 });
    const second = await listReviewRequests(shop, {
      query: "kund",
      status: "scheduled",
      limit: 4,
      cursor: first.nextCursor,
    });
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(second.nextCursor).toBeNull();
  });

  it("starts from the first page when the cursor in the URL is not one of ours", async () => {
    const shop = await installedShop();
    await createRequest(shop, { sendAt: minutes(0) });
    const page = await openList(shop, "cursor=not-a-cursor&dir=next");
    expect(page.rows).toHaveLength(1);
  });

  it("refuses a request without a valid session token", async () => {
    const response = await responseOf(() => listLoader(loaderArgs(new Request("http://localhost:3000/app/requests"))));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/auth/login");
  });
});

interface Detail {
  request: { id: string; status: string; email: string | null; dates: Record<string, string | null> };
  order: { name: string; delivered: string | null } | null;
  customer: { name: string | null; optedOut: boolean } | null;
  items: { title: string; reviewedAt: string | null }[];
  timeline: { at: string; title: string; lines: string[] }[];
}

describe("a request's detail", () => {
  it("shows the customer, the products and the timeline of events and emails as a story, oldest first", async () => {
    const shop = await installedShop();
    const customer = await createCustomer(shop, { firstName: "Erik", lastName: "Holm", email: "erik.holm@example.se" });
    const request = await createRequest(shop, {
      sendAt: new Date("2025-06-10T07:00:00Z"),
      sentAt: new Date("2025-06-10T07:00:05Z"),
      status: "reviewed",
      email: "erik.holm@example.se",
      orderName: "#3003",
      customerId: customer.id,
      deliveredAt: new Date("2025-06-05T12:00:00Z"),
      products: [{ id: "8001", title: "Linen shirt", reviewedAt: new Date("2025-06-11T18:00:00Z") }],
    });
    await db.requestEvent.createMany({
      data: [
        {
          shop,
          requestId: request.id,
          type: "scheduled",
          at: new Date("2025-06-01T09:00:00Z"),
          detail: JSON.stringify({ sendAt: "2025-06-10T07:00:00.000Z", basis: "fulfillment" }),
        },
        { shop, requestId: request.id, type: "sent", at: new Date("2025-06-10T07:00:05Z") },
        { shop, requestId: request.id, type: "reviewed", at: new Date("2025-06-11T18:00:00Z") },
      ],
    });
    await db.emailMessage.create({
      data: {
        shop,
        requestId: request.id,
        kind: "request",
        idempotencyKey: `${request.id}:request`,
        toAddress: "erik.holm@example.se",
        subject: "How is your Linen shirt, Erik?",
        html: "<p>…</p>",
        text: "…",
        status: "sent",
        createdAt: new Date("2025-06-10T07:00:01Z"),
        sentAt: new Date("2025-06-10T07:00:04Z"),
      },
    });

    const detail = await jsonOf<Detail>(async () =>
      detailLoader(loaderArgs(await adminPageRequest(shop, `/app/requests/${request.id}`), { id: request.id })),
    );
    expect(detail.request).toMatchObject({ id: request.id, status: "reviewed", email: "erik.holm@example.se" });
    expect(detail.order).toMatchObject({ name: "#3003", delivered: "5 Jun 2025, 14:00" });
    expect(detail.customer).toMatchObject({ name: "Erik Holm", optedOut: false });
    expect(detail.items).toEqual([
      { productShopifyId: "8001", title: "Linen shirt", imageUrl: null, reviewedAt: "11 Jun 2025, 20:00" },
    ]);
    // The story in order, in words: the email is told with the event that sent it, nothing internal shown.
    expect(detail.timeline).toEqual([
      {
        at: "1 Jun 2025, 11:00",
        title: "Request scheduled",
        lines: ["To be sent 10 Jun 2025, 09:00 (timed from the fulfilment)."],
        tone: "neutral",
      },
      {
        at: "10 Jun 2025, 09:00",
        title: "Request email sent",
        lines: ["“How is your Linen shirt, Erik?” to erik.holm@example.se."],
        tone: "success",
      },
      { at: "11 Jun 2025, 20:00", title: "Every product reviewed", lines: [], tone: "success" },
    ]);
  });

  it("answers 404 with a merchant's explanation for another shop's request", async () => {
    const ours = await installedShop();
    const theirs = await installedShop();
    const foreign = await createRequest(theirs, { sendAt: minutes(0), email: "secret@example.se" });
    const response = await responseOf(async () =>
      detailLoader(loaderArgs(await adminPageRequest(ours, `/app/requests/${foreign.id}`), { id: foreign.id })),
    );
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ merchantError: true, title: "Review request not found" });
    expect(body).not.toContain("secret@example.se");
  });
});
