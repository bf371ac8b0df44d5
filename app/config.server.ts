// Every environment variable Kundröst reads, validated once. README.md lists them for operators.
import { z } from "zod";

/** A whole number of days between `min` and 3650, `fallback` when unset or empty. */
function retentionDays(fallback: number, min: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const days = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(days) || days < min || days > 3650) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be a whole number of days from ${min} to 3650 (default ${fallback}), got "${value}"`,
        });
        return z.NEVER;
      }
      return days;
    });
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  KUNDROST_DEMO: z.enum(["0", "1", "true", "false", ""]).optional(),
  SHOPIFY_API_KEY: z.string().optional(),
  SHOPIFY_API_SECRET: z.string().optional(),
  SHOPIFY_APP_URL: z.string().url().optional(),
  SCOPES: z.string().optional(),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  WEBHOOK_INBOX_PATH: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  REVIEW_TOKEN_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  PORT: z.string().regex(/^\d+$/).optional(),
  // At least a day: jobs keyed per day (the daily prune, shops.sync-shop) must outlive their day to stay unique.
  RETENTION_FINISHED_JOBS_DAYS: retentionDays(7, 1),
  RETENTION_FAILED_JOBS_DAYS: retentionDays(30, 1),
  // At least 3 days: the rows are the dedupe of Shopify's retries of a delivery (8 retries over 4 hours since
  // 2024, 48 hours before), so they must outlive any retry by a wide margin.
  RETENTION_WEBHOOK_EVENTS_DAYS: retentionDays(30, 3),
  // Review photos and videos (app/modules/media): local disk under MEDIA_DIR (default data/media), or an
  // S3-compatible bucket when MEDIA_S3_BUCKET is set.
  MEDIA_DIR: z.string().optional(),
  MEDIA_TMP_DIR: z.string().optional(),
  MEDIA_S3_BUCKET: z.string().optional(),
  MEDIA_S3_REGION: z.string().optional(),
  MEDIA_S3_ENDPOINT: z.string().url().optional(),
  MEDIA_S3_ACCESS_KEY_ID: z.string().optional(),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().optional(),
  MEDIA_S3_FORCE_PATH_STYLE: z.enum(["0", "1", "true", "false", ""]).optional(),
  MEDIA_FFMPEG_PATH: z.string().optional(),
  MEDIA_FFPROBE_PATH: z.string().optional(),
  MEDIA_DECODE_CONCURRENCY: z.string().regex(/^\d+$/).optional(),
  // The worker's CPU priority (scripts/worker.ts checks the range, 0 to 19, beside its --nice flag).
  WORKER_NICE: z.string().regex(/^\d*$/).optional(),
  // Admin page loads rendered on worker threads by the web process (scripts/render-pool.ts): 0 renders them on
  // the main thread; unset, one per core up to four on a machine with more than one core.
  RENDER_THREADS: z.string().regex(/^\d*$/).optional(),
  // The worker's scheduling class (scripts/worker.ts: idle by default, or normal).
  WORKER_SCHED: z
    .string()
    .regex(/^\s*(idle|normal)?\s*$/)
    .optional(),
});

export type AppEnv = z.infer<typeof EnvSchema>;

export const DEMO_SHOP = "kundrost-demo.myshopify.com";
// Fixed credentials for demo mode and tests only; production refuses to start without real ones.
export const LOCAL_API_KEY = "kundrost-local-api-key";
export const LOCAL_API_SECRET = "kundrost-local-api-secret";

const ENV_KEYS = Object.keys(EnvSchema.shape) as (keyof AppEnv)[];
let lastRead: { values: (string | undefined)[]; env: AppEnv } | null = null;

/**
 * The environment, validated. Every admin request reads it several times (demo mode, credentials), so the last
 * result is kept while the variables it reads from process.env are unchanged (tests and the demo set some at run
 * time): comparing ~30 strings costs far less than zod's parse of them.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env): AppEnv {
  if (source !== process.env) return parseEnv(source);
  const values = ENV_KEYS.map((key) => source[key]);
  if (lastRead && values.every((value, i) => value === lastRead!.values[i])) return lastRead.env;
  const env = Object.freeze(parseEnv(source));
  lastRead = { values, env };
  return env;
}

function parseEnv(source: NodeJS.ProcessEnv): AppEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export function isDemoMode(env: AppEnv = readEnv()): boolean {
  const on = env.KUNDROST_DEMO === "1" || env.KUNDROST_DEMO === "true";
  if (on && env.NODE_ENV === "production") {
    throw new Error(
      "Demo mode cannot run with NODE_ENV=production: it signs in without Shopify and fakes the Admin API.",
    );
  }
  return on;
}

export function isLocalMode(env: AppEnv = readEnv()): boolean {
  return isDemoMode(env) || env.NODE_ENV === "test";
}

export interface ShopifyCredentials {
  apiKey: string;
  apiSecretKey: string;
  appUrl: string;
  scopes: string[];
}

export function shopifyCredentials(env: AppEnv = readEnv()): ShopifyCredentials {
  const local = isLocalMode(env);
  const apiKey = env.SHOPIFY_API_KEY || (local ? LOCAL_API_KEY : "");
  const apiSecretKey = env.SHOPIFY_API_SECRET || (local ? LOCAL_API_SECRET : "");
  const appUrl = env.SHOPIFY_APP_URL || (local ? `http://localhost:${env.PORT ?? "3000"}` : "");
  if (!apiKey || !apiSecretKey || !appUrl) {
    throw new Error(
      "SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL must be set (the Shopify CLI sets them in `npm run dev`).",
    );
  }
  const scopes = (env.SCOPES ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return { apiKey, apiSecretKey, appUrl, scopes };
}

export function reviewTokenSecret(env: AppEnv = readEnv()): string {
  if (env.REVIEW_TOKEN_SECRET) return env.REVIEW_TOKEN_SECRET;
  // Falling back to the app secret keeps one secret to rotate; a dedicated one lets tokens outlive a key rotation.
  return shopifyCredentials(env).apiSecretKey;
}

/** How long finished background work is kept before the daily prune (jobs.prune-finished) removes it. */
export interface RetentionPeriods {
  /** Succeeded and cancelled jobs, after they finished. */
  finishedJobsDays: number;
  /** Failed jobs, after they failed: long enough for the merchant or support to look and retry. */
  failedJobsDays: number;
  /** Webhook deliveries, after they were received: processed ones are deleted, failed ones lose their body. */
  webhookEventsDays: number;
}

export function retentionPeriods(env: AppEnv = readEnv()): RetentionPeriods {
  return {
    finishedJobsDays: env.RETENTION_FINISHED_JOBS_DAYS,
    failedJobsDays: env.RETENTION_FAILED_JOBS_DAYS,
    webhookEventsDays: env.RETENTION_WEBHOOK_EVENTS_DAYS,
  };
}
