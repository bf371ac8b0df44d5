// The mandatory compliance webhooks and app/uninstalled, with payloads shaped as shopify.dev documents them,
// through their routes, jobs and (for exports) the merchant's admin screens with real session-token auth.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { RequestType, setUpValidRequest, setUpValidSession } from "@shopify/shopify-api/test-helpers";
import { LOCAL_API_KEY, LOCAL_API_SECRET } from "~/config.server";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs, enqueueJob } from "~/modules/jobs";
import { DATA_EXPORT_FORMAT, shopOwnedModels } from "~/modules/privacy";
import { MEDIA_FILE_DELETION_JOB } from "~/modules/media";
import { loader as downloadLoader } from "~/routes/app.privacy.$id.download";
import { loader as exportsLoader } from "~/routes/app.privacy";
import { markShopInstalled } from "~/modules/shops";
import { sessionStorage } from "~/shopify.server";
import { deliverWebhook } from "../support/deliver-webhook";
import { OTHER_SHOP, TEST_SHOP, webhookFixture } from "../support/signed-webhooks";

const ASTRID = { shopifyId: "7412093386804", email: "astrid.lindqvist@example.se" };

async function deliver(topic: string, payload: unknown, shop = TEST_SHOP) {
  await deliverWebhook(topic, payload, { shop });
  await drainJobs(jobDefinitions);
}

/** Astrid's order through the real webhook, then what the other modules keep about her (their first-cut rows). */
async function seedCustomerHistory(shop: string) {
  // The shop granted access (afterAuth): deliveries for shops that are not installed change nothing.
  await markShopInstalled(shop);
  await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"), shop);
  await deliver("customers/create", webhookFixture("customers-create"), shop);
  const order = await db.order.findFirstOrThrow({ where: { shop, shopifyId: "5861283119412" } });
  const customerId = order.customerId!;
  const request = await db.reviewRequest.upsert({
    where: { orderId: order.id },
    create: {
      shop,
      orderId: order.id,
      customerId,
      email: ASTRID.email,
      sendAt: new Date("2026-10-12T09:00:00Z"),
      status: "sent",
      sentAt: new Date("2026-10-12T09:00:00Z"),
    },
    update: { email: ASTRID.email, status: "sent" },
  });
  await db.reviewRequestItem.upsert({
    where: { requestId_productShopifyId: { requestId: request.id, productShopifyId: "8801234567212" } },
    create: { shop, requestId: request.id, productShopifyId: "8801234567212", title: "Linnelakan dubbel" },
    update: {},
  });
  await db.requestEvent.create({
    data: { shop, requestId: request.id, type: "sent", detail: "Sent to astrid.lindqvist@example.se" },
  });
  await db.emailMessage.create({
    data: {
      shop,
      requestId: request.id,
      kind: "request",
      idempotencyKey: `${shop}:${request.id}:request`,
      toAddress: ASTRID.email,
      subject: "Astrid, hur blev det med ditt linnelakan?",
      html: "<p>Hej Astrid!</p>",
      text: "Hej Astrid!",
      headers: JSON.stringify({ To: ASTRID.email }),
      status: "sent",
    },
  });
  await db.capturedEmail.create({
    data: {
      shop,
      envelopeFrom: "butik@nordic-linen.example",
      envelopeTo: ASTRID.email,
      subject: "Hej Astrid",
      raw: "To: astrid",
    },
  });
  const review = await db.review.create({
    data: {
      shop,
      productShopifyId: "8801234567212",
      customerId,
      orderId: order.id,
      requestId: request.id,
      rating: 5,
      title: "Underbart lakan",
      body: "Mjukt redan från första natten, och färgen är precis som på bilden.",
      displayName: "Astrid L.",
      email: ASTRID.email,
      verifiedBuyer: true,
      status: "published",
    },
  });
  const mediaToken = randomBytes(16).toString("hex");
  await db.reviewMedia.create({
    data: {
      shop,
      reviewId: review.id,
      token: mediaToken,
      mimeType: "image/webp",
      width: 1200,
      height: 900,
      bytes: 84211,
      storageKey: `shops/${shop}/${mediaToken}/display.webp`,
      thumbnailKey: `shops/${shop}/${mediaToken}/thumb.webp`,
    },
  });
  await db.reviewReply.create({ data: { shop, reviewId: review.id, body: "Tack Astrid!" } });
  const account = await db.loyaltyAccount.create({ data: { shop, customerId } });
  await db.loyaltyEntry.create({
    data: { shop, accountId: account.id, points: 100, reason: "review", sourceKey: `review:${review.id}` },
  });
  await db.redemption.create({
    data: { shop, accountId: account.id, points: 50, discountCode: "KR-7Q2M9X", status: "issued" },
  });
  await db.emailSuppression.create({ data: { shop, email: ASTRID.email } });

  // Someone else's review of the same product, which no request about Astrid may touch.
  const olle = await db.customer.findFirstOrThrow({ where: { shop, shopifyId: "7412093419572" } });
  await db.review.create({
    data: {
      shop,
      productShopifyId: "8801234567212",
      customerId: olle.id,
      rating: 4,
      body: "Fint men skrynklar lätt.",
      displayName: "Olle N.",
      email: "olle.nyberg@example.se",
    },
  });
  return { order, customerId, request, review, account, mediaToken };
}

async function asMerchant(shop: string, url: string): Promise<Request> {
  await sessionStorage.storeSession(setUpValidSession({ shop, expires: undefined, accessToken: "shpat_test" }));
  return setUpValidRequest(
    {
      type: RequestType.Bearer,
      store: shop.replace(".myshopify.com", ""),
      apiKey: LOCAL_API_KEY,
      apiSecretKey: LOCAL_API_SECRET,
    },
    new Request(url),
  );
}

beforeEach(async () => {
  for (const model of shopOwnedModels()) {
    await (db as unknown as Record<string, { deleteMany(): Promise<unknown> }>)[
      model[0].toLowerCase() + model.slice(1)
    ].deleteMany();
  }
});

describe("app/uninstalled", () => {
  it("removes the shop's sessions, stops its queued work and marks it uninstalled, once", async () => {
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP, expires: undefined }));
    await sessionStorage.storeSession(setUpValidSession({ shop: OTHER_SHOP, expires: undefined }));
    const queued = await enqueueJob({
      type: "requests.sync-order",
      shop: TEST_SHOP,
      payload: { shop: TEST_SHOP, orderId: "c1" },
      runAt: new Date(Date.now() + 86_400_000),
    });

    await deliver("app/uninstalled", webhookFixture("app-uninstalled"));
    const shop = await db.shop.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    await deliver("app/uninstalled", webhookFixture("app-uninstalled"));

    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.session.count({ where: { shop: OTHER_SHOP } })).toBe(1);
    expect(await db.job.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "cancelled" });
    expect(shop.uninstalledAt).toBeInstanceOf(Date);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).uninstalledAt).toEqual(shop.uninstalledAt);
  });

  it("does not cancel a privacy request still waiting to be processed", async () => {
    await deliverWebhook("customers/redact", webhookFixture("customers-redact"));
    await deliverWebhook("app/uninstalled", webhookFixture("app-uninstalled"));

    await drainJobs(jobDefinitions);

    const redaction = await db.job.findFirstOrThrow({ where: { type: "privacy.customer-redact" } });
    expect(redaction.status).toBe("succeeded");
  });
});

describe("app/scopes_update", () => {
  it("keeps the stored session's scopes in step with what the merchant granted", async () => {
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP, expires: undefined, scope: "read_orders" }));

    await deliver("app/scopes_update", webhookFixture("app-scopes-update"));

    expect((await db.session.findFirstOrThrow({ where: { shop: TEST_SHOP } })).scope).toBe(
      webhookFixture("app-scopes-update").current.join(","),
    );
  });
});

describe("customers/data_request", () => {
  it("gathers everything held about the customer into one export, and nothing about anyone else", async () => {
    const seeded = await seedCustomerHistory(TEST_SHOP);

    await deliver("customers/data_request", webhookFixture("customers-data-request"));

    const [exported] = await db.dataExport.findMany({ where: { shop: TEST_SHOP } });
    expect(exported).toMatchObject({
      dataRequestId: "31924",
      customerShopifyId: ASTRID.shopifyId,
      customerEmail: ASTRID.email,
    });
    const content = JSON.parse(exported.content);
    expect(content.format).toBe(DATA_EXPORT_FORMAT);
    expect(content.customers.map((c: { email: string }) => c.email)).toEqual([ASTRID.email]);
    expect(content.orders).toHaveLength(1);
    expect(content.orders[0].lines).toHaveLength(3);
    expect(content.reviewRequests[0].items[0].title).toBe("Linnelakan dubbel");
    expect(content.reviewRequests[0].events.map((e: { type: string }) => e.type)).toContain("sent");
    expect(content.emailsSent.map((e: { subject: string }) => e.subject)).toEqual([
      "Astrid, hur blev det med ditt linnelakan?",
    ]);
    expect(content.reviews.map((r: { id: string }) => r.id)).toEqual([seeded.review.id]);
    expect(content.reviews[0].media).toHaveLength(1);
    expect(content.reviews[0].reply.body).toBe("Tack Astrid!");
    expect(content.loyalty.accounts.map((a: { id: string }) => a.id)).toEqual([seeded.account.id]);
    expect(content.loyalty.entries[0].points).toBe(100);
    expect(content.loyalty.redemptions[0].discountCode).toBe("KR-7Q2M9X");
    expect(exported.content).not.toContain("olle");
  });

  it("keeps one export per Shopify data request when the request is delivered again", async () => {
    await seedCustomerHistory(TEST_SHOP);

    await deliver("customers/data_request", webhookFixture("customers-data-request"));
    await deliver("customers/data_request", webhookFixture("customers-data-request"));

    expect(await db.dataExport.count()).toBe(1);
  });

  it("lists the shop's exports for the signed-in merchant and downloads one as a JSON attachment", async () => {
    await seedCustomerHistory(TEST_SHOP);
    await deliver("customers/data_request", webhookFixture("customers-data-request"));
    const exported = await db.dataExport.findFirstOrThrow();

    const list = (await exportsLoader({
      request: await asMerchant(TEST_SHOP, "http://localhost/app/privacy"),
      params: {},
      context: {},
    })) as Response;
    expect(await list.json()).toMatchObject({
      exports: [{ id: exported.id, dataRequestId: "31924", customerEmail: ASTRID.email }],
    });

    const file = (await downloadLoader({
      request: await asMerchant(TEST_SHOP, `http://localhost/app/privacy/${exported.id}/download`),
      params: { id: exported.id },
      context: {},
    })) as Response;
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toContain("application/json");
    expect(file.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="kundrost-customer-data-31924-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(JSON.parse(await file.text()).customers[0].email).toBe(ASTRID.email);
  });

  it("does not hand one shop's export to another shop's merchant", async () => {
    await seedCustomerHistory(TEST_SHOP);
    await deliver("customers/data_request", webhookFixture("customers-data-request"));
    const exported = await db.dataExport.findFirstOrThrow();

    const answer = (await downloadLoader({
      request: await asMerchant(OTHER_SHOP, `http://localhost/app/privacy/${exported.id}/download`),
      params: { id: exported.id },
      context: {},
    })) as Response;

    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain(ASTRID.email);
  });

  it("refuses the download without a valid session token", async () => {
    const unsigned = new Request("http://localhost/app/privacy/x/download", {
      headers: { Authorization: "Bearer forged.token.value" },
    });
    await expect(downloadLoader({ request: unsigned, params: { id: "x" }, context: {} })).rejects.toSatisfy(
      (thrown: unknown) => thrown instanceof Response && thrown.status >= 300,
    );
  });
});

describe("customers/redact", () => {
  it("removes the customer's personal data everywhere and keeps their reviews as anonymous text", async () => {
    const seeded = await seedCustomerHistory(TEST_SHOP);
    await deliver("customers/data_request", webhookFixture("customers-data-request"));

    await deliver("customers/redact", webhookFixture("customers-redact"));

    expect(await db.customer.findUniqueOrThrow({ where: { id: seeded.customerId } })).toMatchObject({
      email: null,
      firstName: null,
      lastName: null,
      phone: null,
      city: null,
    });
    expect((await db.customer.findUniqueOrThrow({ where: { id: seeded.customerId } })).redactedAt).toBeInstanceOf(Date);
    expect((await db.order.findUniqueOrThrow({ where: { id: seeded.order.id } })).email).toBeNull();
    expect((await db.reviewRequest.findUniqueOrThrow({ where: { id: seeded.request.id } })).email).toBeNull();
    const email = await db.emailMessage.findFirstOrThrow({ where: { requestId: seeded.request.id } });
    expect([email.toAddress, email.subject, email.html, email.text, email.headers].join(" ")).not.toMatch(/astrid/i);
    expect(await db.capturedEmail.count({ where: { envelopeTo: ASTRID.email } })).toBe(0);
    expect(await db.emailSuppression.count({ where: { email: ASTRID.email } })).toBe(0);
    expect(await db.review.findUniqueOrThrow({ where: { id: seeded.review.id } })).toMatchObject({
      displayName: "Anonymous",
      email: null,
      anonymized: true,
      customerId: null,
      body: "Mjukt redan från första natten, och färgen är precis som på bilden.",
    });
    expect(await db.reviewMedia.count({ where: { reviewId: seeded.review.id } })).toBe(0);
    const fileDeletion = await db.job.findFirstOrThrow({ where: { type: MEDIA_FILE_DELETION_JOB } });
    expect(JSON.parse(fileDeletion.payload).storageKeys).toEqual([
      `shops/${TEST_SHOP}/${seeded.mediaToken}/display.webp`,
      `shops/${TEST_SHOP}/${seeded.mediaToken}/thumb.webp`,
    ]);
    // The points ledger is the shop's books: anonymised, not deleted (tests/loyalty/redaction covers it in full).
    expect(await db.loyaltyAccount.findUniqueOrThrow({ where: { id: seeded.account.id } })).toMatchObject({
      customerId: `redacted:${seeded.account.id}`,
      birthday: null,
    });
    expect(await db.loyaltyEntry.count({ where: { accountId: seeded.account.id } })).toBe(1);
    expect(await db.redemption.count({ where: { accountId: seeded.account.id } })).toBe(1);
    expect(await db.dataExport.count()).toBe(0);
    // Olle is untouched.
    expect(await db.review.findFirstOrThrow({ where: { displayName: "Olle N." } })).toMatchObject({
      email: "olle.nyberg@example.se",
      anonymized: false,
    });
    expect(await db.customer.count({ where: { email: "olle.nyberg@example.se" } })).toBe(1);
  });

  it("deletes the customer's reviews when the shop does not keep anonymous reviews", async () => {
    const seeded = await seedCustomerHistory(TEST_SHOP);
    await db.settings.upsert({
      where: { shop: TEST_SHOP },
      create: { shop: TEST_SHOP, keepAnonymousReviewsOnRedact: false },
      update: { keepAnonymousReviewsOnRedact: false },
    });

    await deliver("customers/redact", webhookFixture("customers-redact"));

    expect(await db.review.count({ where: { id: seeded.review.id } })).toBe(0);
    expect(await db.reviewReply.count({ where: { reviewId: seeded.review.id } })).toBe(0);
    expect(await db.review.count({ where: { displayName: "Olle N." } })).toBe(1);
  });

  it("a late retry of the customer's old order webhook does not bring their data back", async () => {
    const seeded = await seedCustomerHistory(TEST_SHOP);
    await deliver("customers/redact", webhookFixture("customers-redact"));

    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));

    expect((await db.order.findUniqueOrThrow({ where: { id: seeded.order.id } })).email).toBeNull();
    expect(await db.customer.findUniqueOrThrow({ where: { id: seeded.customerId } })).toMatchObject({
      email: null,
      firstName: null,
    });
  });

  it("leaves the same customer's data in another shop alone", async () => {
    await seedCustomerHistory(TEST_SHOP);
    await seedCustomerHistory(OTHER_SHOP);

    await deliver("customers/redact", webhookFixture("customers-redact"));

    expect(await db.customer.count({ where: { shop: OTHER_SHOP, email: ASTRID.email } })).toBe(1);
    expect(await db.review.count({ where: { shop: OTHER_SHOP, anonymized: false } })).toBe(2);
  });
});

describe("shop/redact", () => {
  it("covers every model that has a shop column in prisma/schema.prisma", () => {
    const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
    const withShop = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
      .filter(([, , body]) => /^\s+shop\s+String/m.test(body))
      .map(([, name]) => name);

    expect(shopOwnedModels().sort()).toEqual(withShop.sort());
  });

  it("deletes every row of the shop in every model and nothing of other shops", async () => {
    await seedCustomerHistory(TEST_SHOP);
    await seedCustomerHistory(OTHER_SHOP);
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP, expires: undefined }));
    await deliver("customers/data_request", webhookFixture("customers-data-request"));
    // Work the seed queued for later (loyalty's balance mirror runs at the end of a 10-second slot) is done
    // before the counts are taken, so the other shop's rows cannot change under the comparison.
    await drainJobs(jobDefinitions, { now: new Date(Date.now() + 60_000) });
    const countsFor = async (shop: string) =>
      Object.fromEntries(
        await Promise.all(
          shopOwnedModels().map(async (model) => [
            model,
            await (db as unknown as Record<string, { count(a: unknown): Promise<number> }>)[
              model[0].toLowerCase() + model.slice(1)
            ].count({ where: { shop } }),
          ]),
        ),
      ) as Record<string, number>;
    const before = await countsFor(TEST_SHOP);
    const otherBefore = await countsFor(OTHER_SHOP);
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThanOrEqual(20);

    // Shopify sends shop/redact 48 hours after the uninstall.
    const uninstalledAt = new Date();
    await deliverWebhook("app/uninstalled", webhookFixture("app-uninstalled"), {
      triggeredAt: uninstalledAt.toISOString(),
    });
    await drainJobs(jobDefinitions);
    await deliverWebhook("shop/redact", webhookFixture("shop-redact"), {
      triggeredAt: new Date(uninstalledAt.getTime() + 48 * 3_600_000).toISOString(),
    });
    await drainJobs(jobDefinitions);

    expect(Object.entries(await countsFor(TEST_SHOP)).filter(([, n]) => n > 0)).toEqual([]);
    expect(await countsFor(OTHER_SHOP)).toEqual(otherBefore);
    expect(await db.job.findFirstOrThrow({ where: { type: "privacy.shop-redact" } })).toMatchObject({
      status: "succeeded",
      shop: null,
    });
  });

  it("a later (or retried) order delivery after the redaction brings back no shop, customer or request", async () => {
    await seedCustomerHistory(TEST_SHOP);
    const uninstalledAt = new Date();
    await deliverWebhook("app/uninstalled", webhookFixture("app-uninstalled"), {
      triggeredAt: uninstalledAt.toISOString(),
    });
    await drainJobs(jobDefinitions);
    await deliverWebhook("shop/redact", webhookFixture("shop-redact"), {
      triggeredAt: new Date(uninstalledAt.getTime() + 48 * 3_600_000).toISOString(),
    });
    await drainJobs(jobDefinitions);
    expect(await db.shop.count({ where: { shop: TEST_SHOP } })).toBe(0);

    // Shopify retries a delivery it sent before the uninstall, and a new one arrives late.
    await deliver("orders/fulfilled", webhookFixture("orders-fulfilled"));
    await deliver("orders/fulfilled", { ...webhookFixture("orders-fulfilled"), id: 5861283119499, name: "#1043" });
    await deliver("customers/create", webhookFixture("customers-create"));
    await deliver("fulfillment_events/create", webhookFixture("fulfillment-events-create"));

    expect(await db.shop.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.customer.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.order.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.reviewRequest.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.pendingOrderEvent.count({ where: { shop: TEST_SHOP } })).toBe(0);
    const late = await db.webhookEvent.findMany({
      where: { shop: TEST_SHOP },
      select: { topic: true, status: true, payload: true },
    });
    expect(late).toHaveLength(4);
    expect(late.every((delivery) => delivery.status === "ignored" && delivery.payload === null)).toBe(true);
  });

  it("an order delivery for an uninstalled (not yet redacted) shop is recorded and ignored", async () => {
    await seedCustomerHistory(TEST_SHOP);
    await deliver("app/uninstalled", webhookFixture("app-uninstalled"));
    const ordersBefore = await db.order.count({ where: { shop: TEST_SHOP } });

    await deliver("orders/fulfilled", { ...webhookFixture("orders-fulfilled"), id: 5861283119499, name: "#1043" });

    expect(await db.order.count({ where: { shop: TEST_SHOP } })).toBe(ordersBefore);
    expect(
      await db.webhookEvent.findFirstOrThrow({
        where: { shop: TEST_SHOP, topic: "ORDERS_FULFILLED" },
        orderBy: { receivedAt: "desc" },
      }),
    ).toMatchObject({ status: "ignored", payload: null });
    expect(await db.shop.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).toMatchObject({
      uninstalledAt: expect.any(Date),
    });
  });
});
