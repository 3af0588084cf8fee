import { afterAll, beforeAll } from "vitest";
import { buildApp, type App } from "../app.js";
import { disabledClassifier, type Classifier } from "../classify/classifier.js";
import { createLogger } from "../logger.js";
import {
  createTestDatabase,
  type DbKind,
  type TestDatabase,
} from "./databases.js";

export { DB_KINDS, type DbKind } from "./databases.js";

export const testLogger = createLogger("silent");

export const testConfig = {
  corsOrigins: [] as string[],
  staticDir: "/nonexistent",
  classifyRateLimit: 1000,
};

export async function buildTestApp(
  database: TestDatabase,
  {
    classifier = disabledClassifier,
    config = {},
  }: { classifier?: Classifier; config?: Partial<typeof testConfig> } = {},
): Promise<App> {
  const app = await buildApp({
    config: { ...testConfig, ...config },
    db: database.db,
    classifier,
    logger: testLogger,
  });
  await app.ready();
  return app;
}

/** A fresh database and an app on it for the enclosing describe block, both gone after it. */
export function useTestApp(
  kind: DbKind,
  options?: Parameters<typeof buildTestApp>[1],
) {
  const context = {} as { app: App; database: TestDatabase };
  beforeAll(async () => {
    context.database = await createTestDatabase(kind);
    context.app = await buildTestApp(context.database, options);
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}

export const validTicket = {
  title: "Cannot log in",
  description: "The login page says my password is wrong.",
  category: "account",
  priority: "high",
} as const;
