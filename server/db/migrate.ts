import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Database, Session } from "./client.js";
import { splitStatements } from "./split-statements.js";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
// Any fixed number shared by every Ticketdesk process; the advisory lock serialises concurrent starts.
const MIGRATION_LOCK_ID = 7_311_042;
const WAIT_FOR_LOCK_MS = 200;
/** First line of a migration that must run outside a transaction, e.g. for CREATE INDEX CONCURRENTLY. */
export const NO_TRANSACTION = "-- no-transaction";

/** A landed migration whose file changed: the database and the code may no longer agree. */
export class MigrationChangedError extends Error {}

type Migration = { name: string; sql: string; checksum: string };

/**
 * Applies each NNNN_name.sql not yet applied, in order, each in its own transaction unless its first
 * line is `-- no-transaction`. Refuses to start when an applied migration's file has changed since.
 */
export async function migrate(
  database: Database,
  { dir = MIGRATIONS_DIR } = {},
): Promise<string[]> {
  const migrations = await readMigrations(dir);
  return database.session(async (session) => {
    await takeLock(session);
    try {
      await session.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
         ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text`,
      );
      const done = await appliedChecksums(session, migrations);
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        await apply(session, migration);
        applied.push(migration.name);
      }
      return applied;
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
    }
  });
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(`${dir}/${name}`, "utf8");
      // Line endings as checked out (Git on Windows may write CRLF) do not count as an edit.
      const checksum = createHash("sha256")
        .update(sql.replaceAll("\r\n", "\n"))
        .digest("hex");
      return { name, sql, checksum };
    }),
  );
}

/**
 * NOTE: waits by polling pg_try_advisory_lock, not in pg_advisory_lock: a process blocked inside a
 * statement holds a snapshot, and CREATE INDEX CONCURRENTLY in the migrating process waits for every
 * snapshot, so the two would wait for each other.
 */
async function takeLock(session: Session): Promise<void> {
  for (;;) {
    const [row] = await session.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1) AS locked",
      [MIGRATION_LOCK_ID],
    );
    if (row?.locked) return;
    await new Promise((wait) => setTimeout(wait, WAIT_FOR_LOCK_MS));
  }
}

/** The applied migrations; a checksum missing (applied before checksums were kept) is recorded now. */
async function appliedChecksums(session: Session, migrations: Migration[]) {
  const rows = await session.query<{ name: string; checksum: string | null }>(
    "SELECT name, checksum FROM schema_migrations",
  );
  const done = new Set(rows.map((row) => row.name));
  for (const { name, checksum } of rows) {
    const file = migrations.find((migration) => migration.name === name);
    // A migration the database has and this code does not: a newer version ran here; not ours to judge.
    if (!file) continue;
    if (checksum === null) {
      await session.query(
        "UPDATE schema_migrations SET checksum = $2 WHERE name = $1",
        [name, file.checksum],
      );
    } else if (checksum !== file.checksum) {
      throw new MigrationChangedError(
        `Migration ${name} was changed after it was applied to this database (checksum ${checksum.slice(0, 12)}…, ` +
          `file now ${file.checksum.slice(0, 12)}…). Ticketdesk will not start: the database may not match the code. ` +
          `Restore the file as it was (git checkout -- server/db/migrations/${name}) and put the change in a new migration.`,
      );
    }
  }
  return done;
}

async function apply(session: Session, { name, sql, checksum }: Migration) {
  const record = () =>
    session.query(
      "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)",
      [name, checksum],
    );
  if (sql.startsWith(NO_TRANSACTION)) {
    // One statement at a time: several in one call run as one implicit transaction. If one fails, the
    // earlier ones stay, and the file runs again from the top at the next start: write it to allow that
    // (IF NOT EXISTS, DROP INDEX CONCURRENTLY IF EXISTS for an index left invalid).
    for (const statement of splitStatements(sql)) await session.exec(statement);
    await record();
    return;
  }
  await session.exec("BEGIN");
  try {
    await session.exec(sql);
    await record();
    await session.exec("COMMIT");
  } catch (error) {
    await session.exec("ROLLBACK");
    throw error;
  }
}
