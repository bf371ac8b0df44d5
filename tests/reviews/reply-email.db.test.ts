// Closing the loop by email: the shop's reply (public or private) reaches the reviewer over real SMTP, in their
// language, with the shop's brand, an unsubscribe link and a link to update the review; it is sent at most once
// even when the process dies right after the relay took it; the update link keeps both versions.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { drainJobs } from "~/modules/jobs";
import type { MailTransport } from "~/modules/requests";
import { smtpTransportFromEnv } from "~/modules/requests/sending/mail-transport.server";
import { SEND_LEASE_MS } from "~/modules/requests/sending/send-email.server";
import {
  loadReviewHistory,
  saveReviewReply,
  sendPrivateReply,
  sendReplyEmail,
  submitReviewsForRequest,
  unsubscribeByReviewToken,
  updateReviewFromLink,
} from "~/modules/reviews";
import { productMetafieldCalls } from "../support/metafield-calls";
import { captureEmailDuringTests } from "../support/smtp";
import { createReviewRequest, createShop, MUG_SET } from "./review-request-factory";

captureEmailDuringTests();

const NOW = new Date("2026-10-12T10:00:00Z");

async function reviewed(options: { locale?: string; rating?: number; body?: string } = {}) {
  const { shop } = await createShop({ name: "Fjällräv & Co", brandColor: "#2a5d84" });
  const { request, order, customer } = await createReviewRequest({ shop, products: [MUG_SET], locale: options.locale });
  const result = await submitReviewsForRequest(
    {
      shop,
      requestId: request.id,
      orderId: order.id,
      customerId: customer?.id ?? null,
      locale: options.locale ?? "en",
      entries: [
        {
          productShopifyId: MUG_SET.shopifyId,
          rating: options.rating ?? 2,
          body: options.body ?? "One mug arrived cracked.",
          displayName: "Anna L.",
        },
      ],
    },
    { now: NOW },
  );
  if (!result.ok) throw new Error("not saved");
  return { shop, review: result.reviews[0], email: customer!.email! };
}

const mailTo = (address: string) =>
  db.capturedEmail.findMany({ where: { envelopeTo: address }, orderBy: { receivedAt: "asc" } });

function linksIn(text: string): { update: string; unsubscribe: string } {
  const update = /(http\S+\/rv\/[^\s/]+)(?=\s)/.exec(text)?.[1];
  const unsubscribe = /(http\S+\/rv\/\S+\/unsubscribe)/.exec(text)?.[1];
  if (!update || !unsubscribe) throw new Error(`links missing in:\n${text}`);
  return { update, unsubscribe };
}

const tokenOf = (url: string) => new URL(url).pathname.split("/")[2];

describe("the public reply by email", () => {
  it("reaches the reviewer in Swedish, branded, with unsubscribe headers and links, and closes the follow-up", async () => {
    const { shop, review, email } = await reviewed({ locale: "sv" });
    const saved = await saveReviewReply({
      shop,
      reviewId: review.id,
      body: "Förlåt! En ny mugg är på väg <idag>.",
      emailReviewer: true,
    });
    expect(saved).toMatchObject({ ok: true, email: { status: "queued" } });
    await drainJobs(jobDefinitions);

    const [received] = await mailTo(email);
    expect(received.subject).toBe("Fjällräv & Co har svarat på din recension");
    expect(received.html).toContain("#2a5d84");
    expect(received.html).toContain("Förlåt! En ny mugg är på väg &lt;idag&gt;.");
    expect(received.text).toContain("One mug arrived cracked.");
    const headers = JSON.parse(received.headers) as Record<string, string>;
    expect(headers["list-unsubscribe"]).toMatch(/^<http.+\/rv\/.+\/unsubscribe>$/);
    expect(headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["x-kundrost-review"]).toBe(review.id);
    const links = linksIn(received.text!);
    expect(headers["list-unsubscribe"]).toBe(`<${links.unsubscribe}>`);
    expect(await db.emailMessage.findMany({ where: { shop } })).toMatchObject([
      { kind: "public_reply", status: "sent", attempts: 1 },
    ]);
    expect(await db.reviewReplyEmail.findMany({ where: { shop } })).toMatchObject([{ status: "sent" }]);
    expect((await db.followUpTask.findFirstOrThrow({ where: { shop } })).status).toBe("done");

    // Sending again (a retried job) sends nothing more.
    const row = await db.reviewReplyEmail.findFirstOrThrow({ where: { shop } });
    expect(await sendReplyEmail({ shop, replyEmailId: row.id })).toBe("sent");
    expect(await mailTo(email)).toHaveLength(1);
  });

  it("is never sent twice when the process dies after the relay took it", async () => {
    const { shop, review, email } = await reviewed();
    await saveReviewReply({ shop, reviewId: review.id, body: "Thank you, we are sorry.", emailReviewer: true });
    const row = await db.reviewReplyEmail.findFirstOrThrow({ where: { shop } });
    const smtp = smtpTransportFromEnv();
    const crashingAfterSend: MailTransport = {
      name: "crashing",
      send: async (message) => {
        await smtp.send(message);
        return new Promise<never>(() => undefined);
      },
    };
    void sendReplyEmail({ shop, replyEmailId: row.id }, { now: NOW, transport: crashingAfterSend });
    await vi.waitFor(async () => expect(await mailTo(email)).toHaveLength(1));
    expect(await db.emailMessage.findFirstOrThrow({ where: { shop } })).toMatchObject({ status: "sending" });

    // Another worker inside the lease leaves it alone; after the lease it settles it without sending.
    expect(await sendReplyEmail({ shop, replyEmailId: row.id }, { now: new Date(NOW.getTime() + 60_000) })).toBe(
      "in_flight",
    );
    expect(
      await sendReplyEmail({ shop, replyEmailId: row.id }, { now: new Date(NOW.getTime() + SEND_LEASE_MS + 60_000) }),
    ).toBe("unconfirmed");
    expect(
      await sendReplyEmail({ shop, replyEmailId: row.id }, { now: new Date(NOW.getTime() + SEND_LEASE_MS + 120_000) }),
    ).toBe("unconfirmed");
    expect(await mailTo(email)).toHaveLength(1);
    expect(await db.emailMessage.findMany({ where: { shop } })).toMatchObject([{ status: "unconfirmed", attempts: 1 }]);
  });
});

describe("the private reply", () => {
  it("is emailed only, in English, never shown on the storefront", async () => {
    const { shop, review, email } = await reviewed({ rating: 1 });
    const sent = await sendPrivateReply({
      shop,
      reviewId: review.id,
      body: "Please send us a photo and we will refund you.",
    });
    expect(sent).toEqual({ ok: true, email: { id: expect.any(String), status: "queued" } });
    await drainJobs(jobDefinitions);
    const [received] = await mailTo(email);
    expect(received.subject).toBe("A message from Fjällräv & Co about your review");
    expect(received.text).toContain("Please send us a photo and we will refund you.");
    expect(await db.reviewReply.count({ where: { reviewId: review.id } })).toBe(0);
    expect((await loadReviewHistory(shop, review.id)).map((e) => e.action)).toContain("private_reply");
    expect(await sendPrivateReply({ shop, reviewId: review.id, body: "  " })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });

  it("is not sent to a reviewer who unsubscribed through a reply email's link", async () => {
    const { shop, review, email } = await reviewed();
    await sendPrivateReply({ shop, reviewId: review.id, body: "First message" });
    await drainJobs(jobDefinitions);
    const { unsubscribe } = linksIn((await mailTo(email))[0].text!);
    expect(await unsubscribeByReviewToken(tokenOf(unsubscribe))).toMatchObject({ ok: true, shopName: "Fjällräv & Co" });
    expect(await sendPrivateReply({ shop, reviewId: review.id, body: "Second message" })).toMatchObject({
      ok: true,
      email: { status: "suppressed" },
    });
    await drainJobs(jobDefinitions);
    expect(await mailTo(email)).toHaveLength(1);
  });
});

describe("the update link", () => {
  it("lets the reviewer change the review; the history keeps both versions and the rating follows", async () => {
    const { shop, review, email } = await reviewed({ rating: 2 });
    await saveReviewReply({ shop, reviewId: review.id, body: "A new mug is on its way.", emailReviewer: true });
    await drainJobs(jobDefinitions);
    const { update } = linksIn((await mailTo(email))[0].text!);
    const token = tokenOf(update);

    expect(await updateReviewFromLink({ token, rating: "9", title: "", body: "x" })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    expect(await updateReviewFromLink({ token: `${token}x`, rating: "5", title: "", body: "x" })).toEqual({
      ok: false,
      reason: "forged",
    });
    expect(
      await updateReviewFromLink({
        token,
        rating: "5",
        title: "Great service",
        body: "The replacement came in two days.",
      }),
    ).toEqual({ ok: true, status: "published" });

    const after = await db.review.findUniqueOrThrow({ where: { id: review.id } });
    expect(after).toMatchObject({ rating: 5, title: "Great service", body: "The replacement came in two days." });
    const updated = (await loadReviewHistory(shop, review.id)).find((e) => e.action === "updated");
    expect(updated).toMatchObject({
      actor: "shopper",
      previous: { rating: 2, title: null, body: "One mug arrived cracked." },
    });
    await drainJobs(jobDefinitions);
    // The product's rating metafields, not the reviewer's loyalty points (also a metafieldsSet, written by a job of
    // its own in whichever order the two jobs run).
    const ratingCalls = await productMetafieldCalls(shop);
    expect(ratingCalls.at(-1)![0]).toMatchObject({ key: "rating_count", value: "1" });
    expect(ratingCalls.at(-1)![1].value).toContain('"5.00"');
  });
});
