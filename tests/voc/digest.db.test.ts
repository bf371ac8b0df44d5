// The weekly digest end to end, over real SMTP (the local capture): addresses invited and confirmed by their owners
// (double opt-in), the schedule in the shop's time zone, the content in the shop's language (topics whose negative
// share rose, with quotes; what waits; NPS and CSAT with their change; the best new words), at most once a week per
// shop (restarts, "send now", two workers racing), shop isolation, unsubscribe, the printable page and the CSV.
import db from "~/db.server";
import { jobDefinitions } from "~/jobs.server";
import { analyzeStoredReviews } from "~/modules/insights";
import { drainJobs } from "~/modules/jobs";
import { queueDueDigests } from "~/modules/voc/digest-jobs.server";
import { action as digestAction, loader as digestLoader } from "~/routes/app.digest/route";
import { loader as csvLoader } from "~/routes/app.digest.topics[.]csv";
import { action as digestLinkAction, loader as digestLinkLoader } from "~/routes/digest.$purpose";
import {
  actionArgs,
  adminFormPost,
  adminPageRequest,
  installedShop,
  jsonOf,
  loaderArgs,
  responseOf,
} from "../admin/support";
import { captureEmailDuringTests } from "../support/smtp";

type LinkArgs = Parameters<typeof digestLinkLoader>[0];
const confirmLoader = (args: LinkArgs) => digestLinkLoader({ ...args, params: { purpose: "confirm" } });
const confirmAction = (args: LinkArgs) => digestLinkAction({ ...args, params: { purpose: "confirm" } });
const unsubscribeAction = (args: LinkArgs) => digestLinkAction({ ...args, params: { purpose: "unsubscribe" } });

captureEmailDuringTests();

const JEANS = "8101";
const MUG = "8102";
// Monday 12 October 2026, 10:30 in Stockholm: the digest of the week 5-11 October is due (Mondays from 09:00).
const DUE = new Date("2026-10-12T08:30:00Z");
const DAY_MS = 86_400_000;

async function seedShop(options: { name?: string; jeansTitle?: string } = {}) {
  const shop = await installedShop({ timezone: "Europe/Stockholm" });
  await db.shop.update({ where: { shop }, data: { name: options.name ?? "Denim & Deg", primaryLocale: "sv" } });
  await db.product.create({
    data: { shop, shopifyId: JEANS, title: options.jeansTitle ?? "Slim Jeans", handle: "jeans" },
  });
  await db.product.create({ data: { shop, shopifyId: MUG, title: "Stoneware Mug", handle: "mug" } });
  const reviews: Array<[string, string, number, string, string?]> = [
    // The four weeks before last week: the jeans' fit is praised.
    ["2026-09-15T10:00:00Z", JEANS, 5, "Perfect fit, love them."],
    ["2026-09-22T10:00:00Z", JEANS, 5, "Fits perfectly."],
    ["2026-09-29T10:00:00Z", JEANS, 4, "Fits perfectly."],
    // Last week: two of three readings of the fit are complaints.
    ["2026-10-06T10:00:00Z", JEANS, 2, "Way too small in the waist."],
    ["2026-10-07T10:00:00Z", JEANS, 1, "The fit is far too tight.", "pending"],
    ["2026-10-08T10:00:00Z", JEANS, 5, "Fits perfectly."],
    ["2026-10-09T10:00:00Z", MUG, 5, "Lovely mugs, great quality and fast delivery."],
    // One complaint about the mugs' durability: too few mentions to rank.
    ["2026-10-10T10:00:00Z", MUG, 1, "Broke after a week, terrible.", "pending"],
    // The four weeks before the scores' window, for CSAT's change.
    ["2026-08-20T10:00:00Z", JEANS, 5, "Perfect fit, love them."],
    ["2026-08-25T10:00:00Z", MUG, 4, "Lovely mugs, great quality and fast delivery."],
    ["2026-09-01T10:00:00Z", JEANS, 3, "Fits perfectly."],
  ];
  const ids: string[] = [];
  for (const [at, product, rating, body, status] of reviews) {
    const review = await db.review.create({
      data: {
        shop,
        productShopifyId: product,
        rating,
        body,
        displayName: "Ada L.",
        email: "ada@example.se",
        status: status ?? "published",
        createdAt: new Date(at),
      },
    });
    ids.push(review.id);
  }
  // A recent unhappy review with no reply yet: a follow-up.
  const recent = await db.review.create({
    data: {
      shop,
      productShopifyId: MUG,
      rating: 1,
      body: "Arrived cracked.",
      displayName: "Bo",
      status: "published",
      createdAt: new Date(Date.now() - DAY_MS),
    },
  });
  ids.push(recent.id);
  await analyzeStoredReviews(shop, ids);
  let order = 0;
  for (const [at, nps] of [
    ["2026-08-20T10:00:00Z", 10],
    ["2026-09-01T10:00:00Z", 2],
    ["2026-09-20T10:00:00Z", 10],
    ["2026-09-30T10:00:00Z", 9],
    ["2026-10-08T10:00:00Z", 3],
  ] as const) {
    order += 1;
    const created = await db.order.create({
      data: { shop, shopifyId: `${shop}-${order}`, name: `#${order}`, placedAt: new Date("2026-08-01T00:00:00Z") },
    });
    await db.storeAnswer.create({ data: { shop, orderId: created.id, nps, answeredAt: new Date(at) } });
  }
  return shop;
}

async function act(shop: string, fields: Record<string, string>) {
  return responseOf(async () => digestAction(actionArgs(await adminFormPost(shop, "/app/digest", fields))));
}

async function capturedTo(address: string) {
  return db.capturedEmail.findMany({ where: { envelopeTo: { contains: address } }, orderBy: { receivedAt: "asc" } });
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s"]+${path}\\?t=[A-Za-z0-9._%-]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[0].replace(/&amp;/g, "&");
}

async function confirmFromInvitation(address: string) {
  const [invitation] = await capturedTo(address);
  const url = linkIn(invitation.text ?? "", "/digest/confirm");
  const asked = await responseOf(() => confirmLoader({ request: new Request(url), params: {}, context: {} }));
  expect(asked.status).toBe(200);
  const done = await responseOf(() =>
    confirmAction({ request: new Request(url, { method: "POST" }), params: {}, context: {} }),
  );
  expect(done.status).toBe(200);
  return (await done.json()) as { state: string; title: string };
}

/** A shop with the digest on (Mondays from 09:00) and confirmed addresses. */
async function shopWithDigest(addresses: string[], options: { name?: string; jeansTitle?: string } = {}) {
  const shop = await seedShop(options);
  const saved = await act(shop, { intent: "save-schedule", enabled: "on", weekday: "1", hour: "9", locale: "" });
  expect(saved.status).toBe(200);
  for (const address of addresses) expect((await act(shop, { intent: "invite", email: address })).status).toBe(200);
  await drainJobs(jobDefinitions);
  for (const address of addresses) expect((await confirmFromInvitation(address)).state).toBe("done");
  return shop;
}

const digestsTo = async (address: string) =>
  (await capturedTo(address)).filter((email) => !/Bekräfta|Confirm/.test(email.subject));

describe("who gets the digest", () => {
  it("invites an address, which gets nothing until its owner confirms from the invitation", async () => {
    const shop = await seedShop();
    await act(shop, { intent: "save-schedule", enabled: "on", weekday: "1", hour: "9", locale: "" });
    expect((await act(shop, { intent: "invite", email: "  Lisa@Denim.example " })).status).toBe(200);
    await drainJobs(jobDefinitions);
    const [invitation] = await capturedTo("lisa@denim.example");
    expect(invitation.subject).toBe("Bekräfta: veckosammanfattning av recensioner från Denim & Deg");
    // Unconfirmed: the due digest is not sent to it.
    await queueDueDigests(DUE);
    await drainJobs(jobDefinitions);
    expect(await digestsTo("lisa@denim.example")).toHaveLength(0);
    // Opening the link asks; only the button confirms.
    const url = linkIn(invitation.text ?? "", "/digest/confirm");
    await confirmLoader({ request: new Request(url), params: {}, context: {} });
    expect((await db.digestRecipient.findFirstOrThrow({ where: { shop } })).status).toBe("pending");
    expect((await confirmFromInvitation("lisa@denim.example")).state).toBe("done");
    expect((await db.digestRecipient.findFirstOrThrow({ where: { shop } })).status).toBe("confirmed");
  });

  it("refuses an address that is not one, more than ten addresses, and a made-up link", async () => {
    const shop = await seedShop();
    const bad = await act(shop, { intent: "invite", email: "not-an-address" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ fieldErrors: { email: "Enter an email address like name@example.com." } });
    for (let n = 0; n < 10; n++) await act(shop, { intent: "invite", email: `team${n}@denim.example` });
    expect((await act(shop, { intent: "invite", email: "eleven@denim.example" })).status).toBe(422);
    const forged = await responseOf(() =>
      confirmAction({
        request: new Request("https://app.example/digest/confirm?t=d1.eyJzIjoieCJ9.AAAA", { method: "POST" }),
        params: {},
        context: {},
      }),
    );
    expect(forged.status).toBe(404);
  });

  it("knows only the confirm and unsubscribe pages: a real link under another name is not found", async () => {
    const shop = await seedShop();
    await act(shop, { intent: "save-schedule", enabled: "on", weekday: "1", hour: "9", locale: "" });
    await act(shop, { intent: "invite", email: "curious@denim.example" });
    await drainJobs(jobDefinitions);
    const [invitation] = await capturedTo("curious@denim.example");
    const url = linkIn(invitation.text ?? "", "/digest/confirm").replace("/digest/confirm", "/digest/subscribe");
    for (const run of [digestLinkLoader, digestLinkAction]) {
      const request = new Request(url, { method: run === digestLinkAction ? "POST" : "GET" });
      const response = await responseOf(() => run({ request, params: { purpose: "subscribe" }, context: {} }));
      expect(response.status).toBe(404);
    }
    expect((await db.digestRecipient.findFirstOrThrow({ where: { shop } })).status).toBe("pending");
  });
});

describe("the weekly digest", () => {
  it("goes out on the chosen weekday and hour in the shop's time zone, in its language, with last week's news", async () => {
    const shop = await shopWithDigest(["lisa@jeans.example", "per@jeans.example"]);
    // 08:30 in Stockholm: not yet.
    expect(await queueDueDigests(new Date("2026-10-12T06:30:00Z"))).not.toContain(shop);
    expect(await queueDueDigests(DUE)).toContain(shop);
    await drainJobs(jobDefinitions);

    const [email] = await digestsTo("lisa@jeans.example");
    expect(await digestsTo("per@jeans.example")).toHaveLength(1);
    expect(email.subject).toMatch(/^Denim & Deg: vad kunderna sa, vecka från 5 okt/);
    const text = email.text ?? "";
    expect(text).toContain("Vad kunderna sa förra veckan");
    // Size & fit on the jeans: 2 of 3 readings negative last week, none in the four weeks before.
    expect(text).toContain("Storlek & passform för Slim Jeans: 2 av 3 omnämnanden negativa (67%), upp från 0%");
    expect(text).toContain("“The fit is far too tight.”");
    expect(text).toContain("“Way too small in the waist.”");
    expect(email.html).toContain("<strong>too tight</strong>");
    // The mugs' single durability complaint is too little to rank.
    expect(text).not.toMatch(/Hållbarhet för Stoneware Mug/);
    expect(text).toContain("Recensioner som väntar på granskning: 2");
    expect(text).toContain("Missnöjda recensioner (1–2★) de senaste 30 dagarna utan svar: 1");
    // NPS of 14 Sep - 11 Oct: 10, 9, 3 -> +33 (range -38 .. +100); before: 10, 2 -> 0; change +33.
    expect(text).toContain("NPS +33 (3 svar), +33 poäng jämfört med de fyra veckorna innan");
    expect(text).toContain("Med så få svar ligger NPS troligen mellan -38 och +100.");
    // CSAT: 5, 5, 4, 2, 1, 5, 5, 1 -> 5 of 8 = 63%; before: 5, 4, 3 -> 67%; change 62.5 - 66.7 -> -4.
    expect(text).toContain("CSAT 63% (8 recensioner), -4 poäng jämfört med de fyra veckorna innan");
    // The best new words: the most positive published 4-5 star reviews of the week.
    expect(text.indexOf("Lovely mugs")).toBeLessThan(text.indexOf("★★★★★ Slim Jeans: “Fits perfectly.”"));
    // Nothing about who wrote them.
    expect(`${text}${email.html}`).not.toMatch(/Ada|ada@example\.se/);
    // Every digest can be unsubscribed from, in one click too.
    expect(JSON.parse(email.headers)["list-unsubscribe-post"] ?? email.raw).toMatch(/One-Click/);
    expect(await db.weeklyDigest.findFirstOrThrow({ where: { shop } })).toMatchObject({
      status: "sent",
      recipients: 2,
    });
  });

  it("speaks the language chosen for it", async () => {
    const shop = await shopWithDigest(["anna@english.example"]);
    await act(shop, { intent: "save-schedule", enabled: "on", weekday: "1", hour: "9", locale: "en" });
    await queueDueDigests(DUE);
    await drainJobs(jobDefinitions);
    const [email] = await digestsTo("anna@english.example");
    expect(email.subject).toMatch(/^Denim & Deg: what customers said, week of 5 Oct 2026$/);
    expect(email.text).toContain("Size & fit on Slim Jeans: 2 of 3 mentions negative (67%), up from 0%");
  });

  it("goes out at most once a week: later hours and a restart without its jobs send nothing more", async () => {
    const shop = await shopWithDigest(["once@jeans.example"]);
    await queueDueDigests(DUE);
    await drainJobs(jobDefinitions);
    await queueDueDigests(new Date(DUE.getTime() + 3 * 3_600_000));
    await drainJobs(jobDefinitions);
    // A restart after the finished jobs were pruned: the week's record still says sent.
    await db.job.deleteMany({ where: { shop } });
    await queueDueDigests(new Date(DUE.getTime() + 5 * 3_600_000));
    await drainJobs(jobDefinitions);
    expect(await digestsTo("once@jeans.example")).toHaveLength(1);
    // A week later it goes out again.
    await queueDueDigests(new Date(DUE.getTime() + 7 * DAY_MS));
    await drainJobs(jobDefinitions);
    expect(await digestsTo("once@jeans.example")).toHaveLength(2);
    expect(await db.weeklyDigest.count({ where: { shop } })).toBe(2);
  });

  it("sends one email per address when two workers race over the same week", async () => {
    const shop = await shopWithDigest(["race1@jeans.example", "race2@jeans.example"]);
    // Two sends of the same week queued apart (as after a pruned key), run by two workers at once.
    for (let n = 0; n < 2; n++) {
      await db.job.create({
        data: { type: "voc.send-digest", shop, payload: JSON.stringify({ shop, weekStart: "2026-10-12" }) },
      });
    }
    await Promise.all([drainJobs(jobDefinitions), drainJobs(jobDefinitions)]);
    expect(await digestsTo("race1@jeans.example")).toHaveLength(1);
    expect(await digestsTo("race2@jeans.example")).toHaveLength(1);
    expect(await db.weeklyDigest.count({ where: { shop } })).toBe(1);
  });

  it("keeps shops apart: each digest has its own shop's reviews and goes to its own addresses", async () => {
    const first = await shopWithDigest(["a@first.example"], { name: "First Shop", jeansTitle: "First Jeans" });
    const second = await shopWithDigest(["b@second.example"], { name: "Second Shop", jeansTitle: "Second Jeans" });
    await queueDueDigests(DUE);
    await drainJobs(jobDefinitions);
    const [toFirst] = await digestsTo("a@first.example");
    const [toSecond] = await digestsTo("b@second.example");
    expect(toFirst.text).toContain("First Jeans");
    expect(toFirst.text).not.toContain("Second");
    expect(toSecond.text).toContain("Second Jeans");
    expect(toSecond.text).not.toContain("First");
    // One shop's merchant cannot remove another's address.
    await act(second, { intent: "remove", email: "a@first.example" });
    expect(await db.digestRecipient.count({ where: { shop: first } })).toBe(1);
  });

  it("stops for an address that unsubscribes from a digest", async () => {
    const shop = await shopWithDigest(["leaving@jeans.example", "staying@jeans.example"]);
    await queueDueDigests(DUE);
    await drainJobs(jobDefinitions);
    const [digest] = await digestsTo("leaving@jeans.example");
    const url = linkIn(digest.text ?? "", "/digest/unsubscribe");
    const done = await responseOf(() =>
      unsubscribeAction({ request: new Request(url, { method: "POST" }), params: {}, context: {} }),
    );
    expect(done.status).toBe(200);
    await queueDueDigests(new Date(DUE.getTime() + 7 * DAY_MS));
    await drainJobs(jobDefinitions);
    expect(await digestsTo("leaving@jeans.example")).toHaveLength(1);
    expect(await digestsTo("staying@jeans.example")).toHaveLength(2);
    expect(
      (await db.digestRecipient.findFirstOrThrow({ where: { shop, email: "leaving@jeans.example" } })).status,
    ).toBe("unsubscribed");
  });

  it("'send now' sends this week's digest at once, to confirmed addresses only, and only once", async () => {
    const shop = await seedShop();
    expect((await act(shop, { intent: "send-now" })).status).toBe(409);
    await act(shop, { intent: "invite", email: "now@jeans.example" });
    await drainJobs(jobDefinitions);
    await confirmFromInvitation("now@jeans.example");
    expect((await act(shop, { intent: "send-now" })).status).toBe(200);
    await drainJobs(jobDefinitions);
    expect(await digestsTo("now@jeans.example")).toHaveLength(1);
    const again = await act(shop, { intent: "send-now" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ message: expect.stringContaining("already been sent") });
  });
});

describe("the digest in the admin", () => {
  it("shows a week's digest as a printable page, with the same words as the email", async () => {
    const shop = await seedShop();
    const page = await jsonOf<{
      digest: { weekStart: string; covered: { from: string; to: string }; bodyHtml: string; subject: string };
      setup: { enabled: boolean };
    }>(async () => digestLoader(loaderArgs(await adminPageRequest(shop, "/app/digest?week=2026-10-14"))));
    expect(page.digest.weekStart).toBe("2026-10-12");
    expect(page.digest.covered).toEqual({ from: "2026-10-05", to: "2026-10-11" });
    expect(page.digest.bodyHtml).toContain("Storlek &amp; passform för Slim Jeans");
    expect(page.digest.bodyHtml).toContain("En förhandsvisning av Denim &amp; Degs veckosammanfattning.");
    expect(page.setup.enabled).toBe(false);
  });

  it("downloads the week's topic figures as CSV", async () => {
    const shop = await seedShop();
    await db.product.update({
      where: { shop_shopifyId: { shop, shopifyId: MUG } },
      data: { title: '=HYPERLINK("x") Mug' },
    });
    const response = await responseOf(async () =>
      csvLoader(loaderArgs(await adminPageRequest(shop, "/app/digest/topics.csv?week=2026-10-12"))),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "week_from,product_id,product,topic,topic_label,mentions,negative,negative_share,mentions_4_weeks_before," +
        "negative_4_weeks_before,negative_share_4_weeks_before,change_points",
    );
    expect(lines).toContain("2026-10-05,8101,Slim Jeans,size_fit,Size & fit,3,2,0.667,3,0,0.000,67");
    // A product title a spreadsheet would run as a formula is written as text.
    expect(lines.some((line) => line.includes(`"'=HYPERLINK(""x"") Mug"`))).toBe(true);
  });
});
