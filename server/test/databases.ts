import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";

const serverUrl = process.env.TEST_DATABASE_URL || undefined;
const inCi = process.env.CI === "true";

if (!serverUrl) {
  if (inCi)
    throw new Error(
      "TEST_DATABASE_URL must be set in CI: server tests run on PGlite and on PostgreSQL",
    );
  console.warn(
    "\n*** TEST_DATABASE_URL is not set: server tests run on PGlite only, PostgreSQL is SKIPPED ***\n",
  );
}

export type DbKind = "pglite" | "postgres";
/** Every server test runs once per database kind: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DB_KINDS: DbKind[] = serverUrl
  ? ["pglite", "postgres"]
  : ["pglite"];

export type TestDatabase = Database & { url?: string; drop(): Promise<void> };

/** A new, empty, migrated database that nobody else uses: in-memory PGlite, or a fresh PostgreSQL database. */
export async function createTestDatabase(
  kind: DbKind,
  { migrated = true } = {},
): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = await openDatabase({
      kind: "pglite",
      dataDir: "memory://",
    });
    if (migrated) await migrate(database);
    return { ...database, drop: () => database.close() };
  }
  const name = `ticketdesk_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    kind: "postgres",
    url: url.toString(),
  });
  if (migrated) await migrate(database);
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close().catch(() => {}); // a test may have closed it already
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}
