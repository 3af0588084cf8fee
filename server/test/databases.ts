import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { countDrift } from "../db/ticket-counts.js";

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

/**
 * Fails when ticket_counts no longer equals a fresh count once a test file is done with its database:
 * every test of the suite thereby checks that the triggers kept the counters exact.
 */
async function expectExactCounts(database: Database): Promise<void> {
  const drift = await database.session(async (session) => {
    const [row] = await session.query<{ exists: boolean }>(
      "SELECT to_regclass('ticket_counts') IS NOT NULL AS exists",
    );
    return row?.exists ? countDrift(session) : [];
  });
  if (drift.length > 0)
    throw new Error(
      `ticket_counts differs from a fresh count after the tests: ${JSON.stringify(drift)}`,
    );
}

/** `close` that remembers it was called, so that drop() knows whether the database can still be checked. */
function tracked(database: Database) {
  let closed = false;
  return {
    isClosed: () => closed,
    close: async () => {
      closed = true;
      await database.close();
    },
  };
}

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
    const { isClosed, close } = tracked(database);
    return {
      ...database,
      close,
      async drop() {
        if (isClosed()) return;
        await expectExactCounts(database);
        await close();
      },
    };
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
  const { isClosed, close } = tracked(database);
  return {
    ...database,
    url: url.toString(),
    close,
    async drop() {
      try {
        if (!isClosed()) await expectExactCounts(database);
      } finally {
        if (!isClosed()) await close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
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
