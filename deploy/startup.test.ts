import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../server/test/databases.js";
import {
  containerEnvironment,
  freePort,
  postgresVariables,
  runHealthcheck,
  startImageCommand,
  type AppProcess,
} from "./app-process.js";

const MIGRATIONS = readdirSync("server/db/migrations")
  .filter((name) => name.endsWith(".sql"))
  .sort();

const ticket = {
  title: "Charged twice",
  description: "My card was charged twice in March.",
  category: "billing",
  priority: "high",
};

// Cleaned up after each test, pass or fail.
let processes: AppProcess[] = [];
let databases: TestDatabase[] = [];
afterEach(async () => {
  for (const app of processes) app.kill();
  for (const database of databases) await database.drop();
  processes = [];
  databases = [];
});

async function emptyDatabase() {
  const database = await createTestDatabase("postgres", { migrated: false });
  databases.push(database);
  return database;
}

/**
 * The image's command with the compose file's environment, except where it must differ outside
 * Docker: the database is a fresh one on the TEST_DATABASE_URL server, reached with that URL's
 * user (the compose user `ticketuser` need not exist there), and the port is a free one.
 */
function startApp(database: TestDatabase, port: number) {
  const app = startImageCommand(
    containerEnvironment({
      ...postgresVariables(database.url!),
      PORT: String(port),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    }),
  );
  processes.push(app);
  return app;
}

const admin = {
  email: "admin@example.test",
  password: "compose admin password",
};

/** Signs in at the writer as the first admin of ADMIN_EMAIL; the session works at the reader too. */
async function createAndRead(writer: AppProcess, reader: AppProcess) {
  const login = await fetch(`${writer.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const created = await fetch(`${writer.url}/api/tickets/`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(ticket),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const read = await fetch(`${reader.url}/api/tickets/${id}/`, {
    headers: { cookie },
  });
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({ id, ...ticket, status: "open" });
}

/** The `applied` list each process logged once migrations were done. */
function appliedMigrations(app: AppProcess): string[] {
  const line = app
    .output()
    .split("\n")
    .find((text) => text.includes('"msg":"database ready"'));
  if (!line) throw new Error(`no "database ready" line in:\n${app.output()}`);
  return (JSON.parse(line) as { applied: string[] }).applied;
}

describe.skipIf(!DB_KINDS.includes("postgres"))(
  "the image's command, outside Docker, against PostgreSQL",
  () => {
    it("migrates an empty database, passes its health check, stores a ticket and stops cleanly on SIGTERM", async () => {
      const app = startApp(await emptyDatabase(), await freePort());
      await app.waitHealthy();
      expect(appliedMigrations(app)).toEqual(MIGRATIONS);
      expect(await runHealthcheck(app.env)).toBe(0);

      await createAndRead(app, app);

      expect(await app.stop()).toEqual({ code: 0, signal: null });
      expect(app.output()).toContain('"signal":"SIGTERM"');
      expect(await runHealthcheck(app.env)).toBe(1);
    });

    it("two processes started at once on one empty database both come up: the migration lock lets one migrate", async () => {
      const database = await emptyDatabase();
      const ports = await Promise.all([freePort(), freePort()]);
      const first = startApp(database, ports[0]!);
      const second = startApp(database, ports[1]!);
      await Promise.all([first.waitHealthy(), second.waitHealthy()]);

      const applied = [appliedMigrations(first), appliedMigrations(second)];
      expect(applied).toContainEqual(MIGRATIONS);
      expect(applied).toContainEqual([]);
      const rows = await database.session((session) =>
        session.query<{ name: string }>(
          "SELECT name FROM schema_migrations ORDER BY name",
        ),
      );
      expect(rows.map((row) => row.name)).toEqual(MIGRATIONS);

      await createAndRead(first, second);
      await createAndRead(second, first);

      const stopped = await Promise.all([first.stop(), second.stop()]);
      expect(stopped).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    });
  },
);
