import type { InjectOptions } from "fastify";
import { afterAll, beforeAll } from "vitest";
import type { User } from "../../contract/people.js";
import { buildApp, type App, type AppDeps } from "../app.js";
import { credentialsRepo } from "../auth/credentials-repo.js";
import { hashPassword } from "../auth/secrets.js";
import { toUser, usersRepo } from "../auth/users-repo.js";
import { disabledClassifier, type Classifier } from "../classify/classifier.js";
import { createLogger } from "../logger.js";
import {
  createTestDatabase,
  type DbKind,
  type TestDatabase,
} from "./databases.js";

export { DB_KINDS, type DbKind } from "./databases.js";

export const testLogger = createLogger("silent");

export const testConfig: AppDeps["config"] = {
  corsOrigins: [] as string[],
  staticDir: "/nonexistent",
  classifyRateLimit: 1000,
  signup: "open",
  sessionTtlHours: 24,
  publicUrl: undefined,
};

export const PASSWORD = "correct horse battery";
const PEOPLE = {
  admin: { email: "admin@example.test", name: "Ada Admin", role: "admin" },
  agent: { email: "agent@example.test", name: "Alan Agent", role: "agent" },
  requester: {
    email: "rita@example.test",
    name: "Rita Requester",
    role: "requester",
  },
  other: {
    email: "oscar@example.test",
    name: "Oscar Other",
    role: "requester",
  },
} as const;
export type Who = keyof typeof PEOPLE;
export type Person = { user: User; token: string };

/** An inject that sends the person's bearer token; `null` calls anonymously. */
export type Inject = (
  options: InjectOptions,
) => Promise<Awaited<ReturnType<App["inject"]>>>;

/** One admin, one agent and two requesters, each with a password (PASSWORD) and an API token. */
export async function createPeople(
  database: TestDatabase,
): Promise<Record<Who, Person>> {
  const users = usersRepo(database.db);
  const credentials = credentialsRepo(database.db);
  const passwordHash = await hashPassword(PASSWORD);
  const entries = [];
  for (const [who, person] of Object.entries(PEOPLE)) {
    const existing = await users.byEmail(person.email);
    const user = existing
      ? toUser(existing)
      : await users.create({ ...person, passwordHash });
    const { token } = await credentials.createToken(user.id, "tests");
    entries.push([who, { user, token }] as const);
  }
  return Object.fromEntries(entries) as Record<Who, Person>;
}

export async function buildTestApp(
  database: TestDatabase,
  {
    classifier = disabledClassifier,
    config = {},
  }: { classifier?: Classifier; config?: Partial<AppDeps["config"]> } = {},
) {
  const app = await buildApp({
    config: { ...testConfig, ...config },
    db: database.db,
    listen: database.listen,
    indexReads: database.indexReads,
    classifier,
    logger: testLogger,
  });
  await app.ready();
  const people = await createPeople(database);
  const as =
    (who: Who | null): Inject =>
    (options) =>
      app.inject({
        ...options,
        headers: {
          ...(who && { authorization: `Bearer ${people[who].token}` }),
          ...options.headers,
        },
      }) as ReturnType<Inject>;
  return { app, people, as, inject: as("agent"), close: () => app.close() };
}
export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/** A fresh database and an app on it for the enclosing describe block, both gone after it. */
export function useTestApp(
  kind: DbKind,
  options?: Parameters<typeof buildTestApp>[1],
) {
  const context = {} as TestApp & { database: TestDatabase };
  beforeAll(async () => {
    context.database = await createTestDatabase(kind);
    Object.assign(context, await buildTestApp(context.database, options));
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
