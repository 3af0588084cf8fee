import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Server and web files mostly wait on a database, so three run at a time even on 2 cores
    // (vitest's default is one per core less one). The e2e files run one at a time, after them.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: "server",
          include: [
            "server/**/*.test.ts",
            "scripts/**/*.test.ts",
            "contract/**/*.test.ts",
            "deploy/**/*.test.ts",
          ],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "web",
          include: ["web/**/*.test.tsx", "web/**/*.test.ts"],
          environment: "jsdom",
          setupFiles: ["web/test/setup.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
