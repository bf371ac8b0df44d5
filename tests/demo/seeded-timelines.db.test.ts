// Every review request of the whole demo shop (the size `npm run demo` seeds) tells a story that holds
// together: a review never comes back before the email that asked for it, each email is told once at the
// moment it went, a reminder follows its request, and nothing planned is told after the send it planned.
// The seed's requests step runs the real dispatcher on today's clock and the reviews step writes reviews with
// their own dates, so the history step must reconcile both; this test reads every request, not a sample.
// The home's figures agree with the cards under them too (low-star reviews to answer = open follow-ups).
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { jobDefinitions } from "~/jobs.server";
import { seedDemoShop } from "~/modules/demo";
import { startSmtpCapture } from "~/modules/mail";
import { loadReviewRequestDetail, requestStory } from "~/modules/requests";
import { listOpenFollowUpTasks, reviewFigures } from "~/modules/reviews";

// A weekday morning in the demo shop's time zone (Stockholm), inside the send window: the seed's jobs run on
// the clock, and only in the window does its dispatcher send the requests that fell due (in the evening it
// sends nothing, and every history is written by the history step alone).
const NOW = new Date("2026-12-02T09:30:00Z");

describe("every request of the seeded demo shop", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(NOW);
    // As `npm run demo` seeds: with its mail capture listening, so the seed's dispatcher really sends.
    smtp = await startSmtpCapture();
    process.env.SMTP_URL = smtp.url;
    await seedDemoShop({ now: NOW, appUrl: "http://localhost:3000", jobDefinitions });
  }, 600_000);

  afterAll(async () => {
    vi.useRealTimers();
    delete process.env.SMTP_URL;
    await smtp.close();
  });

  it("was sent before any review came back through it, and its review is dated after the email", async () => {
    const requests = await db.reviewRequest.findMany({
      where: { shop: DEMO_SHOP },
      select: {
        id: true,
        orderName: true,
        status: true,
        sentAt: true,
        reviewedAt: true,
        items: { select: { reviewedAt: true } },
      },
    });
    expect(requests.length).toBeGreaterThan(400);
    const reviews = await db.review.findMany({
      where: { shop: DEMO_SHOP, requestId: { not: null } },
      select: { requestId: true, createdAt: true },
    });
    const reviewTimes = new Map<string, number[]>();
    for (const review of reviews)
      reviewTimes.set(review.requestId!, [...(reviewTimes.get(review.requestId!) ?? []), review.createdAt.getTime()]);
    const incoherent: string[] = [];
    for (const request of requests) {
      const times = [
        ...request.items.flatMap((item) => (item.reviewedAt ? [item.reviewedAt.getTime()] : [])),
        ...(reviewTimes.get(request.id) ?? []),
      ];
      if (times.length === 0) continue;
      if (!request.sentAt || request.sentAt.getTime() >= Math.min(...times)) incoherent.push(request.orderName);
      else if (request.status !== "reviewed" || !request.reviewedAt) incoherent.push(request.orderName);
    }
    expect(incoherent).toEqual([]);
  });

  it("tells each email once, at the moment it went, and the emails' own dates agree", async () => {
    const requests = await db.reviewRequest.findMany({
      where: { shop: DEMO_SHOP, sentAt: { not: null } },
      select: { id: true, orderName: true, sentAt: true, remindedAt: true },
    });
    expect(requests.length).toBeGreaterThan(200);
    const problems: string[] = [];
    for (let i = 0; i < requests.length; i += 200) {
      const chunk = requests.slice(i, i + 200);
      const ids = chunk.map((request) => request.id);
      const [events, emails] = await Promise.all([
        db.requestEvent.findMany({
          where: { shop: DEMO_SHOP, requestId: { in: ids }, type: { in: ["sent", "reminded"] } },
          select: { requestId: true, type: true, at: true },
        }),
        db.emailMessage.findMany({
          where: { shop: DEMO_SHOP, requestId: { in: ids } },
          select: { requestId: true, kind: true, status: true, sentAt: true, createdAt: true, messageId: true },
        }),
      ]);
      const captured = await db.capturedEmail.findMany({
        where: {
          shop: DEMO_SHOP,
          OR: emails.flatMap((e) => (e.messageId ? [{ headers: { contains: e.messageId } }] : [])),
        },
        select: { headers: true, receivedAt: true },
      });
      for (const request of chunk) {
        const sent = events.filter((event) => event.requestId === request.id && event.type === "sent");
        if (sent.length !== 1 || sent[0].at.getTime() !== request.sentAt!.getTime())
          problems.push(`${request.orderName}: ${sent.length} sent events, not one at the sent date`);
        const reminded = events.filter((event) => event.requestId === request.id && event.type === "reminded");
        if (reminded.some((event) => event.at <= request.sentAt! || event.at > new Date()))
          problems.push(`${request.orderName}: a reminder outside its request's life`);
        if (request.remindedAt && request.remindedAt <= request.sentAt!)
          problems.push(`${request.orderName}: reminded before it was sent`);
        for (const email of emails.filter((e) => e.requestId === request.id)) {
          const at = email.sentAt ?? email.createdAt;
          const expected = email.kind === "reminder" ? request.remindedAt : request.sentAt;
          if (email.status === "sent" && (!expected || at.getTime() !== expected.getTime()))
            problems.push(`${request.orderName}: the ${email.kind} email says ${at.toISOString()}`);
          // The outbox on /demo shows the captured copy: it arrived when the email went.
          const copy = email.messageId ? captured.find((c) => c.headers.includes(email.messageId!)) : undefined;
          // (the same moment, give or take the SMTP hand-off for one the dispatcher really sent today)
          if (copy && Math.abs(copy.receivedAt.getTime() - at.getTime()) > 60_000)
            problems.push(
              `${request.orderName}: the outbox shows the ${email.kind} email at ${copy.receivedAt.toISOString()}`,
            );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("reads as a story in order: planned, sent, then answered; nothing planned after the email", async () => {
    const requests = await db.reviewRequest.findMany({
      where: { shop: DEMO_SHOP, sentAt: { not: null } },
      select: { id: true, orderName: true },
    });
    const problems: string[] = [];
    for (const request of requests) {
      const detail = (await loadReviewRequestDetail(DEMO_SHOP, request.id))!;
      const story = requestStory({
        events: detail.events,
        emails: detail.emails,
        formatDate: (at) => at.toISOString(),
      });
      const titles = story.map((entry) => entry.title);
      const sentIndex = titles.indexOf("Request email sent");
      const firstReviewed = titles.findIndex((title) => / reviewed$/.test(title));
      if (sentIndex < 0) problems.push(`${request.orderName}: no "Request email sent"`);
      else if (titles.slice(sentIndex).some((t) => t === "Request scheduled" || t === "Send date moved"))
        problems.push(`${request.orderName}: planned after the email went`);
      if (firstReviewed >= 0 && firstReviewed < sentIndex)
        problems.push(`${request.orderName}: reviewed before the email (${titles.join(" / ")})`);
      if (titles.filter((title) => title === "Every product reviewed").length > 1)
        problems.push(`${request.orderName}: "Every product reviewed" twice`);
      if (titles.some((title) => /waiting to be sent|not confirmed/.test(title)))
        problems.push(`${request.orderName}: an email still waiting after it was sent`);
    }
    expect(problems).toEqual([]);
  });

  it("counts on the home the low-star reviews its Follow-ups card lists: the recent ones, the older followed up", async () => {
    const [figures, followUps] = await Promise.all([reviewFigures(DEMO_SHOP), listOpenFollowUpTasks(DEMO_SHOP)]);
    expect(figures.lowRatingUnanswered).toBe(followUps.total);
    expect(followUps.total).toBeGreaterThan(0);
    const lowStars = await db.review.count({ where: { shop: DEMO_SHOP, rating: { lte: 2 } } });
    expect(await db.followUpTask.count({ where: { shop: DEMO_SHOP } })).toBe(lowStars);
    const stale = await db.followUpTask.count({
      where: { shop: DEMO_SHOP, status: "open", createdAt: { lt: new Date(NOW.getTime() - 10 * 86_400_000) } },
    });
    expect(stale).toBe(0);
  });

  it("keeps what is still to come in the future: scheduled requests are not sent, and planned after today", async () => {
    const scheduled = await db.reviewRequest.findMany({
      where: { shop: DEMO_SHOP, status: "scheduled" },
      select: { orderName: true, sentAt: true, sendAt: true, items: { select: { reviewedAt: true } } },
    });
    const wrong = scheduled.filter(
      (request) =>
        request.sentAt !== null ||
        request.sendAt.getTime() < NOW.getTime() - 86_400_000 ||
        request.items.some((item) => item.reviewedAt),
    );
    expect(wrong.map((request) => request.orderName)).toEqual([]);
  });
});
