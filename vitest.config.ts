import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Two projects: the whole suite on SQLite, and every database-facing test (`*.db.test.ts`) again on
// PostgreSQL when KUNDROST_TEST_PG names a server (CI sets it; see .ci/run).
const shared = {
  globals: true,
  environment: "node" as const,
  setupFiles: ["tests/setup/env.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
};

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        plugins: [tsconfigPaths()],
        test: {
          ...shared,
          name: "sqlite",
          include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
          exclude: ["tests/e2e/**", "**/node_modules/**"],
          env: { KUNDROST_TEST_PG: "" },
        },
      },
      ...(process.env.KUNDROST_TEST_PG
        ? [
            {
              plugins: [tsconfigPaths()],
              test: {
                ...shared,
                name: "postgresql",
                include: ["tests/**/*.db.test.ts"],
                env: { KUNDROST_TEST_PG: process.env.KUNDROST_TEST_PG },
              },
            },
          ]
        : []),
      {
        plugins: [tsconfigPaths()],
        test: {
          ...shared,
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
