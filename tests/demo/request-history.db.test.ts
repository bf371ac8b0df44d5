import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { jobDefinitions } from "~/jobs.server";
import { seedDemoShop, type DemoShopSize } from "~/modules/demo";
import { loadReviewRequestDetail, requestFigures, requestStory } from "~/modules/requests";

const SIZE: DemoShopSize = { customers: 20, orders: 36 };

describe("the demo shop's request history", () => {
  beforeAll(async () => {
    await seedDemoShop({ now: new Date(), appUrl: "http://localhost:3000", size: SIZE, jobDefinitions });
  }, 240_000);

  it("shows requests sent in the past instead of skipping them as too late", async () => {
    expect(await db.reviewRequest.count({ where: { shop: DEMO_SHOP, cancelReason: "too_late" } })).toBe(0);
    const figures = await requestFigures(DEMO_SHOP);
    expect(figures.sent).toBeGreaterThan(0);
    expect(figures.reviewRate).not.toBeNull();
    expect(figures.reviewRate!).toBeGreaterThan(0);
    expect(figures.reviewRate!).toBeLessThanOrEqual(1);
  });

  it("never has a review come back before its request was sent, and answered requests are reviewed", async () => {
    const requests = await db.reviewRequest.findMany({
      where: { shop: DEMO_SHOP, sentAt: { not: null } },
      select: { status: true, sentAt: true, items: { select: { reviewedAt: true } } },
    });
    for (const request of requests) {
      const reviewed = request.items.flatMap((i) => (i.reviewedAt ? [i.reviewedAt.getTime()] : []));
      if (reviewed.length === 0) {
        expect(["sent", "reminded"]).toContain(request.status);
        continue;
      }
      expect(request.status).toBe("reviewed");
      expect(request.sentAt!.getTime()).toBeLessThan(Math.min(...reviewed));
    }
  });

  it("has no request still waiting to be sent that a review already came back through", async () => {
    const unsent = await db.reviewRequest.findMany({
      where: { shop: DEMO_SHOP, sentAt: null, items: { some: { reviewedAt: { not: null } } } },
      select: { id: true, status: true },
    });
    expect(unsent).toEqual([]);
  });

  it("puts the history on each request's timeline, marked as demo history", async () => {
    const sent = await db.reviewRequest.count({ where: { shop: DEMO_SHOP, sentAt: { not: null } } });
    const events = await db.requestEvent.count({
      where: { shop: DEMO_SHOP, type: "sent", detail: { contains: "demoHistory" } },
    });
    expect(events).toBe(sent);
  });

  it("tells each sent request's story without contradiction: planned before sent, reviewed once, no internals", async () => {
    const sent = await db.reviewRequest.findMany({
      where: { shop: DEMO_SHOP, sentAt: { not: null } },
      select: { id: true, sendAt: true, sentAt: true },
    });
    expect(sent.length).toBeGreaterThan(0);
    for (const row of sent) {
      // The dates card shows the sent date; the plan it replaced is the same moment.
      expect(row.sendAt.getTime()).toBe(row.sentAt!.getTime());
      const detail = (await loadReviewRequestDetail(DEMO_SHOP, row.id))!;
      const story = requestStory({
        events: detail.events,
        emails: detail.emails,
        formatDate: (at) => at.toISOString(),
      });
      const titles = story.map((entry) => entry.title);
      const sentIndex = titles.indexOf("Request email sent");
      expect(sentIndex).toBeGreaterThan(-1);
      expect(
        titles.slice(sentIndex).some((title) => title === "Request scheduled" || title === "Send date moved"),
      ).toBe(false);
      expect(titles.filter((title) => title === "Every product reviewed").length).toBeLessThanOrEqual(1);
      const words = story.flatMap((entry) => [entry.title, ...entry.lines]).join("\n");
      expect(words).not.toMatch(/demo ?history|shopify ?id|round|message-?id|true|false/i);
    }
  });
});
