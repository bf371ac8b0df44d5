// The admin with its pages rendered on worker threads (scripts/render-pool.ts), as `npm start` and `npm run demo`
// serve it on a machine with more than one core: in Chromium, a list, a review opened from it, a reply saved (the
// action runs on the main thread) and seen on the next render (a thread), a reload, and an unknown page.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { DESKTOP_VIEWPORT, startDemoInBrowser, stopAppInBrowser } from "../support/browser";
import db from "~/db.server";
import { DEMO_SHOP } from "~/config.server";
import { captureEmailDuringTests } from "../support/smtp";
import type { AppServer } from "../../scripts/server";

let server: AppServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

captureEmailDuringTests();

beforeAll(async () => {
  ({ server, browser } = await startDemoInBrowser({ customers: 20, orders: 30 }, { renderThreads: 2 }));
  page = await browser.newPage({ viewport: DESKTOP_VIEWPORT });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
}, 600_000);

afterAll(() => stopAppInBrowser({ server, browser }));

const served = () => server.renderPool!.stats().served.reduce((sum, n) => sum + n, 0);

describe("admin pages rendered on threads", () => {
  it("serves the list, a review, a reply saved on the main thread and seen on a thread's next render", async () => {
    expect(server.renderPool?.size).toBe(2);
    const before = served();
    const response = await page.goto(`${server.url}/app/reviews`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    const rows = page.locator(".Polaris-IndexTable__TableRow");
    await rows.first().waitFor();
    const reviews = await db.review.count({ where: { shop: DEMO_SHOP } });
    await expect(rows.count()).resolves.toBe(Math.min(50, reviews));
    expect(served()).toBeGreaterThan(before);

    // Opened from its row: the review page's data comes from a thread too.
    const review = await db.review.findFirstOrThrow({
      where: { shop: DEMO_SHOP, reply: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    await page.goto(`${server.url}/app/reviews/${review.id}`, { waitUntil: "networkidle" });
    const reply = "Thank you for telling us — rendered on a thread.";
    await page.getByLabel("Reply", { exact: true }).fill(reply);
    const beforeSave = served();
    await page.getByRole("button", { name: "Publish reply" }).click();
    await page.getByRole("button", { name: "Edit reply" }).waitFor();
    expect((await db.reviewReply.findUniqueOrThrow({ where: { reviewId: review.id } })).body).toBe(reply);
    // Remix revalidates after the action: the page's data came back from a thread, with the reply in it.
    expect(served()).toBeGreaterThan(beforeSave);

    await page.reload({ waitUntil: "networkidle" });
    await expect(page.getByText(reply).first().isVisible()).resolves.toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it("answers an unknown admin page with the admin's not-found page, and HEAD without a body", async () => {
    const response = await page.goto(`${server.url}/app/nowhere`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    const head = await fetch(`${server.url}/app/reviews`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toMatch(/text\/html/);
    await expect(head.text()).resolves.toBe("");
  });

  it("answers 503 to every request, the health check included, until the build and its threads are loaded", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "support", "app-server-process.ts")],
      {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: {
          ...process.env,
          APP_TEST_PORT: String(port),
          NODE_ENV: "development",
          RENDER_THREADS: "2",
          LOG_LEVEL: "silent",
        },
        stdio: "ignore",
      },
    );
    try {
      const seen: number[] = [];
      // What a page answered while the health check said "starting". The server can finish starting between the two
      // requests, so a page may be the first to see it up: then it answers as a started server does (200 and no
      // Retry-After), and the next health check must say so too.
      const pages: string[] = [];
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && seen.at(-1) !== 200) {
        const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (response) => response.status,
          () => 0,
        );
        if (status !== 0 && status !== seen.at(-1)) seen.push(status);
        if (status === 503 && pages.at(-1) !== "200 up") {
          const page = await fetch(`http://127.0.0.1:${port}/app/reviews`);
          const retry = page.headers.get("retry-after");
          pages.push(page.status === 503 && retry === "1" ? "503 retry" : `${page.status} ${retry ?? "up"}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Starting, then up: never a 404 from a server without its routes.
      expect(seen).toEqual([503, 200]);
      // Every page fetched while starting was told to come back, except at most the last, which may have met the
      // server just up; and the server was caught starting at least once (the build takes seconds to load).
      const last = pages.at(-1) === "200 up" ? pages.slice(0, -1) : pages;
      expect(last.length).toBeGreaterThan(0);
      expect(new Set(last)).toEqual(new Set(["503 retry"]));
    } finally {
      child.kill("SIGTERM");
    }
  }, 90_000);
});
