import { readEnv as readEnvOf, retentionPeriods } from "~/config.server";

// Only the variables under test, as a test environment would have them.
const readEnv = (vars: Record<string, string>) => readEnvOf({ NODE_ENV: "test", ...vars } as NodeJS.ProcessEnv);

describe("retention periods from the environment", () => {
  it("default to 7 days for finished jobs and 30 for failed jobs and webhook deliveries", () => {
    expect(retentionPeriods(readEnv({}))).toEqual({ finishedJobsDays: 7, failedJobsDays: 30, webhookEventsDays: 30 });
    // An empty value is unset, as the other variables treat it.
    expect(retentionPeriods(readEnv({ RETENTION_FINISHED_JOBS_DAYS: "", RETENTION_WEBHOOK_EVENTS_DAYS: " " }))).toEqual(
      {
        finishedJobsDays: 7,
        failedJobsDays: 30,
        webhookEventsDays: 30,
      },
    );
  });

  it("take whole numbers of days", () => {
    const env = readEnv({
      RETENTION_FINISHED_JOBS_DAYS: "1",
      RETENTION_FAILED_JOBS_DAYS: "90",
      RETENTION_WEBHOOK_EVENTS_DAYS: " 3 ",
    });
    expect(retentionPeriods(env)).toEqual({ finishedJobsDays: 1, failedJobsDays: 90, webhookEventsDays: 3 });
  });

  it.each([
    [
      "RETENTION_FINISHED_JOBS_DAYS",
      "0",
      /RETENTION_FINISHED_JOBS_DAYS: must be a whole number of days from 1 to 3650 \(default 7\), got "0"/,
    ],
    ["RETENTION_FINISHED_JOBS_DAYS", "7d", /RETENTION_FINISHED_JOBS_DAYS: must be a whole number of days/],
    [
      "RETENTION_FAILED_JOBS_DAYS",
      "2.5",
      /RETENTION_FAILED_JOBS_DAYS: must be a whole number of days from 1 to 3650 \(default 30\)/,
    ],
    ["RETENTION_FAILED_JOBS_DAYS", "-1", /RETENTION_FAILED_JOBS_DAYS: must be a whole number of days/],
    [
      "RETENTION_FAILED_JOBS_DAYS",
      "99999",
      /RETENTION_FAILED_JOBS_DAYS: must be a whole number of days from 1 to 3650/,
    ],
    // Shopify retries a delivery for hours (48 hours under its older policy): the dedupe rows must outlive that.
    [
      "RETENTION_WEBHOOK_EVENTS_DAYS",
      "2",
      /RETENTION_WEBHOOK_EVENTS_DAYS: must be a whole number of days from 3 to 3650 \(default 30\), got "2"/,
    ],
  ])("refuse %s=%s, naming the variable", (name, value, message) => {
    expect(() => readEnv({ [name]: value })).toThrow(message);
  });
});
