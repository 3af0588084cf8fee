import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { credentialsRepo } from "../server/auth/credentials-repo.js";
import { usersRepo } from "../server/auth/users-repo.js";
import { parseConfig } from "../server/config.js";
import { createClassifier } from "../server/classify/classifier.js";
import { createLocalClassifier } from "../server/classify/local-classifier.js";
import { openAiSuggest } from "../server/classify/openai-adapter.js";
import { createTriage, type TriageMode } from "../server/classify/triage.js";
import { openDatabase } from "../server/db/client.js";
import { migrate } from "../server/db/migrate.js";
import { createLogger } from "../server/logger.js";
import { startService } from "../server/start.js";
import { startFakeLlm } from "../server/test/fake-llm.js";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = "e2e/screenshots";
const STATIC_DIR = "dist/web";
const logger = createLogger("silent");
/** The first admin of every end-to-end desk. */
export const ADMIN_EMAIL = "admin@example.test";
export const ADMIN_PASSWORD = "e2e admin password";

/** End-to-end tests need Debian's Chromium; locally they may skip (loudly), in CI they must run. */
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable) {
  if (process.env.CI === "true")
    throw new Error(
      `${CHROMIUM} is missing: CI must install Debian's chromium`,
    );
  console.warn(
    `\n*** ${CHROMIUM} not found: end-to-end tests are SKIPPED (apt-get install chromium) ***\n`,
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/**
 * The built web app and the real server on a real port, with in-memory PGlite and a scripted
 * fake OpenAI-compatible server behind the classifier (TRIAGE=llm, so its scripts decide every
 * suggestion), or with `withLlm: false` none (a fresh install). The desk starts with its admin
 * (ADMIN_EMAIL/ADMIN_PASSWORD) and an API token of theirs for setting up test data, or, with
 * `admin: false`, empty, with the one-time setup link's path.
 */
export async function startE2eApp({
  cooldownMs = 60_000,
  triage = "llm" as TriageMode,
  withLlm = true,
  admin = true,
} = {}) {
  if (!existsSync(`${STATIC_DIR}/index.html`)) {
    throw new Error(
      `${STATIC_DIR}/index.html is missing: run "npm run build" before the end-to-end tests`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const llm = await startFakeLlm();
  // NOTE: not server/test/databases.ts, which demands TEST_DATABASE_URL in CI; these tests need PGlite only.
  const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  await migrate(database);
  const suggest = openAiSuggest({
    apiKey: "e2e",
    baseURL: llm.baseURL,
    model: "fake",
    timeoutMs: 2000,
  });
  const classifier = createTriage({
    mode: triage,
    local: createLocalClassifier({
      db: database.db,
      log: logger,
      retrainEveryMs: 60_000,
    }),
    llm: withLlm
      ? createClassifier({ suggest, log: logger, cooldownMs })
      : undefined,
  });
  const config = parseConfig({
    STATIC_DIR,
    CLASSIFY_RATE_LIMIT: "1000",
    SIGNUP: "open",
    ...(admin && { ADMIN_EMAIL, ADMIN_PASSWORD }),
  });
  if (!config.ok) throw new Error(config.problems.join("; "));
  const { app, setupUrl } = await startService(config.config, logger, {
    database,
    classifier,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const adminUser = await usersRepo(database.db).byEmail(ADMIN_EMAIL);
  const adminToken = adminUser
    ? (await credentialsRepo(database.db).createToken(adminUser.id, "e2e"))
        .token
    : "";
  return {
    url: `http://127.0.0.1:${port}`,
    /** The admin's bearer token (empty on a desk without an admin). */
    adminToken,
    /** `/setup?token=…` on a desk without an admin. */
    setupPath:
      setupUrl && new URL(setupUrl).pathname + new URL(setupUrl).search,
    llm,
    async close() {
      await app.close();
      classifier.close();
      await llm.close();
      await database.close();
    },
  };
}

export type E2eApp = Awaited<ReturnType<typeof startE2eApp>>;

/** The app and a browser for the enclosing describe block, both closed after it. */
export function useE2e(
  prepare?: (app: E2eApp) => Promise<void> | void,
  options?: Parameters<typeof startE2eApp>[0],
) {
  const context = {} as { app: E2eApp; browser: Browser };
  beforeAll(async () => {
    [context.app, context.browser] = await Promise.all([
      startE2eApp(options),
      launchBrowser(),
    ]);
    await prepare?.(context.app);
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.app?.close();
  });
  return context;
}
