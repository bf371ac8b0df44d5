import db from "~/db.server";
import * as layout from "~/routes/demo";
import * as controls from "~/routes/demo._index";
import * as outbox from "~/routes/demo.outbox";
import * as outboxEmail from "~/routes/demo.outbox.$id";
import * as outboxEmailHtml from "~/routes/demo.outbox.$id.html";
import * as productImage from "~/routes/demo.products.$file";

const BASE = "http://localhost:3000";
const args = (path: string, params: Record<string, string> = {}, init?: RequestInit) => ({
  request: new Request(`${BASE}${path}`, init),
  params,
  context: {},
});

async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

let emailId: string;

beforeAll(async () => {
  const email = await db.capturedEmail.create({
    data: {
      shop: "kundrost-demo.myshopify.com",
      envelopeFrom: "hej@kundrost-demo.example",
      envelopeTo: "anna.andersson1@example.com",
      subject: "Hur blev det?",
      html: "<p>Hej Anna</p><script>alert(1)</script>",
      text: "Hej Anna",
      headers: JSON.stringify({ "list-unsubscribe": "<http://localhost:3000/r/x/unsubscribe>" }),
      raw: "Subject: Hur blev det?\r\n\r\nHej Anna",
    },
  });
  emailId = email.id;
});

afterEach(() => {
  delete process.env.KUNDROST_DEMO;
});

describe("demo-only routes outside demo mode", () => {
  it.each([
    ["the demo frame", () => layout.loader(args("/demo"))],
    ["the demo controls", () => controls.loader(args("/demo"))],
    [
      "a demo control",
      () => controls.action(args("/demo", {}, { method: "POST", body: new URLSearchParams({ intent: "run-jobs" }) })),
    ],
    ["the outbox", () => outbox.loader(args("/demo/outbox"))],
    ["a captured email", () => outboxEmail.loader(args(`/demo/outbox/${emailId}`, { id: emailId }))],
    ["a captured email's HTML", () => outboxEmailHtml.loader(args(`/demo/outbox/${emailId}/html`, { id: emailId }))],
    [
      "a demo product picture",
      () => productImage.loader(args("/demo/products/linen-shirt.svg", { file: "linen-shirt.svg" })),
    ],
  ])("%s does not exist (404)", async (_name, run) => {
    expect(await statusOf(run)).toBe(404);
  });

  it("writes nothing when a demo control is posted", async () => {
    const before = await db.job.count();
    await statusOf(() =>
      controls.action(args("/demo", {}, { method: "POST", body: new URLSearchParams({ intent: "make-due" }) })),
    );
    expect(await db.job.count()).toBe(before);
  });
});

describe("demo-only routes in demo mode", () => {
  beforeEach(() => {
    process.env.KUNDROST_DEMO = "1";
  });

  it("lists captured mail newest first", async () => {
    await db.capturedEmail.create({
      data: {
        envelopeFrom: "a@example.com",
        envelopeTo: "b@example.com",
        subject: "Newer",
        raw: "",
        receivedAt: new Date(Date.now() + 60_000),
      },
    });
    const response = (await outbox.loader(args("/demo/outbox"))) as Response;
    const { emails } = await response.json();
    expect(emails.map((e: { subject: string }) => e.subject)).toEqual(["Newer", "Hur blev det?"]);
  });

  it("shows one email with its text part and headers", async () => {
    const response = (await outboxEmail.loader(args(`/demo/outbox/${emailId}`, { id: emailId }))) as Response;
    const { email } = await response.json();
    expect(email).toMatchObject({
      subject: "Hur blev det?",
      text: "Hej Anna",
      headers: { "list-unsubscribe": "<http://localhost:3000/r/x/unsubscribe>" },
    });
  });

  it("serves an email's HTML only under a sandboxing content security policy, its links opening a new tab", async () => {
    const response = await outboxEmailHtml.loader(args(`/demo/outbox/${emailId}/html`, { id: emailId }));
    const policy = response.headers.get("content-security-policy") ?? "";
    const sandbox = policy.split(";")[0].trim().split(/\s+/);
    // No scripts and no access to the app's origin; only popups (links to new tabs) are let out.
    expect(sandbox).toEqual(["sandbox", "allow-popups", "allow-popups-to-escape-sandbox"]);
    expect(policy).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain("Hej Anna");
    expect(html).toContain('<base target="_blank">');
  });

  it("answers 404 for an email that was never captured", async () => {
    expect(await statusOf(() => outboxEmail.loader(args("/demo/outbox/nope", { id: "nope" })))).toBe(404);
  });

  it("draws product pictures for the demo catalogue only", async () => {
    const response = await productImage.loader(args("/demo/products/linen-shirt.svg", { file: "linen-shirt.svg" }));
    expect(response.headers.get("content-type")).toContain("image/svg+xml");
    expect(await response.text()).toContain("Linen Shirt");
    expect(
      await statusOf(() => productImage.loader(args("/demo/products/../../etc.svg", { file: "../../etc.svg" }))),
    ).toBe(404);
  });

  it("refuses an unknown control with a message", async () => {
    const response = (await controls.action(
      args("/demo", {}, { method: "POST", body: new URLSearchParams({ intent: "drop-tables" }) }),
    )) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ tone: "critical", message: "Unknown demo control." });
  });
});
