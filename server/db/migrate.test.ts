import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../test/databases.js";
import { openDatabase } from "./client.js";
import { migrate, MigrationChangedError, NO_TRANSACTION } from "./migrate.js";

const table = (name: string) =>
  `CREATE TABLE ${name} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);`;

describe.each(DB_KINDS)("migrations on %s", (kind) => {
  let database: TestDatabase;
  let dir: string;
  // One database for the file; each test has its own folder, file names and tables.
  beforeAll(async () => {
    database = await createTestDatabase(kind, { migrated: false });
  });
  afterAll(() => database.drop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ticketdesk-migrations-"));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, sql: string) =>
    writeFileSync(join(dir, name), sql);
  const run = (sqlText: string) =>
    database.session((s) => s.query<Record<string, unknown>>(sqlText));

  it("runs a -- no-transaction migration outside a transaction, so CREATE INDEX CONCURRENTLY works", async () => {
    write("0001_notes.sql", table("notes"));
    write(
      "0002_notes_body_idx.sql",
      `-- no-transaction
-- Builds without blocking writes; safe to run again after a failure.
DROP INDEX CONCURRENTLY IF EXISTS notes_body_idx;
CREATE INDEX CONCURRENTLY notes_body_idx ON notes (body);
`,
    );
    expect(await migrate(database, { dir })).toEqual([
      "0001_notes.sql",
      "0002_notes_body_idx.sql",
    ]);
    expect(
      await run(
        "SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'notes_body_idx'::regclass",
      ),
    ).toEqual([{ valid: true }]);
    expect(await migrate(database, { dir })).toEqual([]);
  });

  it("keeps a transactional migration all-or-nothing", async () => {
    write("0003_drafts.sql", `${table("drafts")}\nSELECT no_such_function();`);
    await expect(migrate(database, { dir })).rejects.toThrow(
      /no_such_function/,
    );
    expect(await run("SELECT to_regclass('drafts') AS drafts")).toEqual([
      { drafts: null },
    ]);
  });

  it("stops with a clear message when an applied migration was edited, and accepts it restored", async () => {
    const original = `${table("memos")}\n`;
    write("0004_memos.sql", original);
    await migrate(database, { dir });
    write("0004_memos.sql", `${original}ALTER TABLE memos ADD extra text;\n`);
    const failure = migrate(database, { dir });
    await expect(failure).rejects.toThrow(MigrationChangedError);
    await expect(failure).rejects.toThrow(
      /Migration 0004_memos\.sql was changed after it was applied.*put the change in a new migration/,
    );
    // Restored, with the line endings Git may write on Windows.
    write("0004_memos.sql", original.replaceAll("\n", "\r\n"));
    expect(await migrate(database, { dir })).toEqual([]);
  });

  it("records the checksums of migrations applied before checksums were kept", async () => {
    write("0005_pages.sql", table("pages"));
    await migrate(database, { dir });
    await run(
      "UPDATE schema_migrations SET checksum = NULL WHERE name = '0005_pages.sql'",
    );
    expect(await migrate(database, { dir })).toEqual([]);
    const [row] = await run(
      "SELECT checksum FROM schema_migrations WHERE name = '0005_pages.sql'",
    );
    expect(row!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.each(DB_KINDS.filter((kind) => kind === "postgres"))(
  "concurrent migrations on %s",
  (kind) => {
    it("two processes starting at once both finish while one builds an index CONCURRENTLY", async () => {
      const database = await createTestDatabase(kind, { migrated: false });
      const other = await openDatabase({
        kind: "postgres",
        url: database.url!,
      });
      const dir = mkdtempSync(join(tmpdir(), "ticketdesk-migrations-"));
      try {
        writeFileSync(
          join(dir, "0001_rows.sql"),
          "CREATE TABLE rows AS SELECT g AS n FROM generate_series(1, 200000) g;",
        );
        writeFileSync(
          join(dir, "0002_rows_idx.sql"),
          `${NO_TRANSACTION}\nCREATE INDEX CONCURRENTLY IF NOT EXISTS rows_n_idx ON rows (n);`,
        );
        const results = await Promise.all([
          migrate(database, { dir }),
          migrate(other, { dir }),
        ]);
        expect(results.flat().sort()).toEqual([
          "0001_rows.sql",
          "0002_rows_idx.sql",
        ]);
      } finally {
        await other.close();
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
