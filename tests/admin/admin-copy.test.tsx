// Issue 14, points 6, 12 and 16 (pure parts): badge colours, counted nouns, what the webhook figure counts,
// and weekly bars that draw a single mention as one bar.
import { renderToStaticMarkup } from "react-dom/server";
import { AppProvider } from "@shopify/polaris";
import englishTranslations from "@shopify/polaris/locales/en.json";
import { requestStatusTone } from "~/components/RequestStatusBadge";
import { counted } from "~/components/counted";
import { webhookHelp } from "~/routes/app._index/components/HomeFigures";
import { WeeklyBars } from "~/components/insights/WeeklyBars";
import { humanLogLine } from "~/logger.server";

describe("admin copy", () => {
  it("does not colour a sent request as a warning: only what needs the merchant is coloured so", () => {
    expect(requestStatusTone("sent")).not.toBe("attention");
    expect(requestStatusTone("reminded")).not.toBe("attention");
    expect(requestStatusTone("failed")).toBe("critical");
  });

  it("counts nouns in the right number", () => {
    expect(counted(1, "webhook delivery", "webhook deliveries")).toBe("1 webhook delivery");
    expect(counted(1250, "webhook delivery", "webhook deliveries")).toBe("1,250 webhook deliveries");
  });

  it("says what the webhook figure counts instead of a bare zero on a shop with orders", () => {
    const none = { received: 0, processed: 0, failed: 0, ignored: 0, waiting: 0 };
    expect(webhookHelp(none, 600)).toMatch(/orders from before \(or the demo's history\) came without one/);
    expect(webhookHelp({ received: 10, processed: 7, failed: 1, ignored: 1, waiting: 1 }, 600)).toBe(
      "7 processed · 1 waiting · 1 skipped as out of date · 1 failed",
    );
  });
});

describe("weekly bars", () => {
  const render = (values: number[]) =>
    renderToStaticMarkup(
      <AppProvider i18n={englishTranslations}>
        <WeeklyBars
          labels={values.map((_, i) => `W${i + 1}`)}
          series={[{ name: "Positive", color: "#29845a", values }]}
          stacked={false}
          description="Mentions of Fit per week"
        />
      </AppProvider>,
    );

  it("draws one straight bar for one mention in a sparse run of weeks, and no curve", () => {
    const html = render([0, 0, 1, 0, 0, 0]);
    expect(html.match(/<rect /g)).toHaveLength(1);
    expect(html).not.toContain("<path");
    expect(html).toContain("<title>W3: 1 positive</title>");
    expect(html).toContain('aria-label="Mentions of Fit per week: 6 weeks, 1 positive in all."');
  });

  it("labels its axis in whole numbers", () => {
    const html = render([3, 7, 0, 12]);
    const ticks = [...html.matchAll(/text-anchor="end"[^>]*>(\d+(?:\.\d+)?)</g)].map((match) => match[1]);
    expect(ticks.every((tick) => /^\d+$/.test(tick))).toBe(true);
  });

  it("writes thousands short on its axis, so a busy shop's figures fit the margin (15000 was cut to 5000)", () => {
    const html = render([3_000, 9_500, 14_200, 800]);
    const ticks = [...html.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((match) => match[1]);
    expect(ticks).toEqual(["0", "5K", "10K", "15K"]);
    expect(html).toContain("<title>W3: 14200 positive</title>");
  });
});

describe("demo log lines", () => {
  it("are short human lines; a warning with an error stays on one line", () => {
    const line = humanLogLine({
      level: 40,
      time: Date.UTC(2026, 11, 3, 8, 0, 0),
      msg: "request",
      module: "http",
      status: 404,
      path: "/app/x",
      err: { message: "Not Found", stack: "Error: Not Found\n    at x" },
    });
    expect(line.trim().split("\n")).toHaveLength(1);
    expect(line).toContain("WARN  http  request  status=404 path=/app/x  (Not Found)");
  });
});
