// The demo shop's voice of the customer: a believable share of reviewers answered the store question, and a
// merchant finds the NPS story with the screen's own queries (detractors rising with the month the carrier ran
// late, their comments saying so), prompts on every product, and a digest that lands in the outbox.
import { DEMO_SHOP } from "~/config.server";
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { seedDemoShop } from "~/modules/demo";
import { lateDeliveryMonth } from "~/modules/demo/demo-shop";
import { DEMO_DIGEST_ADDRESSES } from "~/modules/demo/store-answers-step.server";
import { drainJobs } from "~/modules/jobs";
import { loadVocInsightsPanel, sendDigestNow, smartPromptsFor, vocJobs } from "~/modules/voc";
import { captureEmailDuringTests } from "../support/smtp";

captureEmailDuringTests();

const NOW = new Date("2026-11-24T10:00:00Z");

beforeAll(async () => {
  await seedDemoShop({ now: NOW, appUrl: "http://localhost:3000", jobDefinitions });
}, 600_000);

describe("the demo shop's voice of the customer", () => {
  it("has a believable share of reviewers answering the store question, in their own language", async () => {
    const reviewedRequests = (
      await db.review.findMany({ where: { shop: DEMO_SHOP, requestId: { not: null } }, distinct: ["requestId"] })
    ).length;
    const answers = await db.storeAnswer.findMany({ where: { shop: DEMO_SHOP } });
    expect(answers.length / reviewedRequests).toBeGreaterThan(0.3);
    expect(answers.length / reviewedRequests).toBeLessThan(0.6);
    expect(new Set(answers.map((answer) => answer.locale))).toEqual(new Set(["en", "sv"]));
    expect(answers.filter((answer) => answer.ces !== null).length).toBeGreaterThan(answers.length / 2);
  });

  it("lets a merchant see the detractors rise with the month of late deliveries, and read why", async () => {
    // The late month is September (the month before last); its parcels reached shoppers in September and October.
    expect(lateDeliveryMonth(NOW).start.toISOString()).toBe("2026-09-01T00:00:00.000Z");
    const { metrics } = await loadVocInsightsPanel(DEMO_SHOP, {
      from: "2026-06-01",
      to: "2026-11-24",
      zone: "Europe/Stockholm",
    });
    const byMonth = Object.fromEntries(metrics.months.map((month) => [month.month.slice(0, 7), month.nps]));
    console.log(
      "NPS by month",
      Object.fromEntries(Object.entries(byMonth).map(([month, nps]) => [month, `${nps.score} (${nps.answers})`])),
    );
    const storyMonths = [byMonth["2026-09"], byMonth["2026-10"]];
    const otherMonths = ["2026-06", "2026-07", "2026-08", "2026-11"].map((month) => byMonth[month]);
    const detractorShare = (months: typeof storyMonths) =>
      months.reduce((sum, nps) => sum + nps.detractors, 0) / months.reduce((sum, nps) => sum + nps.answers, 0);
    expect(detractorShare(storyMonths)).toBeGreaterThan(detractorShare(otherMonths) + 0.15);
    const lowest = Math.min(...Object.values(byMonth).map((nps) => nps.score ?? 100));
    expect([byMonth["2026-09"].score, byMonth["2026-10"].score]).toContain(lowest);

    const { detractors } = await loadVocInsightsPanel(
      DEMO_SHOP,
      { from: "2026-09-01", to: "2026-10-31", zone: "Europe/Stockholm" },
      { detractors: true },
    );
    const comments = detractors!.answers.map((answer) => answer.comment ?? "").join(" ");
    expect(comments).toMatch(/late|delivery|för sent|Leveransen|paketet/i);
  });

  it("prompts on every product", async () => {
    const products = await db.product.findMany({ where: { shop: DEMO_SHOP, isGiftCard: false } });
    const prompts = await smartPromptsFor(
      DEMO_SHOP,
      products.map((product) => product.shopifyId),
      "sv",
      NOW,
    );
    for (const product of products) expect(prompts.products[product.shopifyId]?.length).toBeGreaterThanOrEqual(3);
  });

  it("sends its weekly digest to the outbox", async () => {
    expect(await sendDigestNow(DEMO_SHOP)).toMatchObject({ ok: true });
    // Only the digest's jobs: the seed leaves the demo's other work (loyalty, metafields) queued for the worker.
    await drainJobs(vocJobs);
    for (const address of DEMO_DIGEST_ADDRESSES) {
      const [captured] = await db.capturedEmail.findMany({
        where: { shop: DEMO_SHOP, envelopeTo: { contains: address } },
      });
      expect(captured.subject).toMatch(/^Kundröst Demo Store: vad kunderna sa/);
    }
  });
});
