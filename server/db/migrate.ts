import { readdir, readFile } from "node:fs/promises";
import type { Database } from "./client.js";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
// Any fixed number shared by every Ticketdesk process; pg_advisory_lock serialises concurrent starts.
const MIGRATION_LOCK_ID = 7_311_042;

/** Applies each migrations/NNNN_name.sql not yet applied, in order, each in its own transaction. */
export async function migrate(database: Database): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR))
    .filter((name) => name.endsWith(".sql"))
    .sort();
  return database.session(async (session) => {
    await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    try {
      await session.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const done = new Set(
        (
          await session.query<{ name: string }>(
            "SELECT name FROM schema_migrations",
          )
        ).map((row) => row.name),
      );
      const applied: string[] = [];
      for (const name of files.filter((file) => !done.has(file))) {
        const sqlText = await readFile(new URL(name, MIGRATIONS_DIR), "utf8");
        await session.exec("BEGIN");
        try {
          await session.exec(sqlText);
          await session.query(
            "INSERT INTO schema_migrations (name) VALUES ($1)",
            [name],
          );
          await session.exec("COMMIT");
        } catch (error) {
          await session.exec("ROLLBACK");
          throw error;
        }
        applied.push(name);
      }
      return applied;
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
    }
  });
}
