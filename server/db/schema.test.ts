import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../test/databases.js";
import * as schema from "./schema.js";

/** Tables the migration runner keeps for itself; no query of the app reads them through Drizzle. */
const RUNNER_TABLES = ["schema_migrations"];

type Column = {
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  primaryKey: boolean;
};

/** Drizzle's SQL type names in PostgreSQL's own spelling (format_type). */
function postgresType(drizzleType: string): string {
  return drizzleType
    .replace(/^varchar/, "character varying")
    .replace(/^timestamp$/, "timestamp without time zone");
}

function drizzleTables(): Record<string, Record<string, Column>> {
  const tables = Object.values(schema as Record<string, unknown>).filter(
    (value): value is PgTable => is(value, PgTable),
  );
  return Object.fromEntries(
    tables.map((table) => {
      const config = getTableConfig(table);
      const keyColumns = new Set([
        ...config.columns.filter((column) => column.primary).map((c) => c.name),
        ...config.primaryKeys.flatMap((key) => key.columns.map((c) => c.name)),
      ]);
      const columns = config.columns.map((column) => [
        column.name,
        {
          type: postgresType(column.getSQLType()),
          notNull: column.notNull,
          // PostgreSQL keeps a generated column's expression as its default
          hasDefault: column.hasDefault || column.generated !== undefined,
          primaryKey: keyColumns.has(column.name),
        },
      ]);
      return [config.name, Object.fromEntries(columns)];
    }),
  );
}

describe.each(DB_KINDS)(
  "the Drizzle schema against the migrated database on %s",
  (kind) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
    });
    afterAll(() => database.drop());

    async function databaseTables() {
      const rows = await database.session((s) =>
        s.query<{ table: string; column: string } & Column>(
          `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
                a.attnotnull AS "notNull", (a.atthasdef OR a.attidentity <> '') AS "hasDefault",
                EXISTS (SELECT FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary
                        AND a.attnum = ANY (i.indkey)) AS "primaryKey"
         FROM pg_class c
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
           AND NOT c.relname = ANY ($1)
         ORDER BY c.relname, a.attnum`,
          [RUNNER_TABLES],
        ),
      );
      const tables: Record<string, Record<string, Column>> = {};
      for (const { table, column, ...rest } of rows)
        (tables[table] ??= {})[column] = rest;
      return tables;
    }

    it("has every table and column of the database, with the same type, NOT NULL, default and primary key", async () => {
      expect(drizzleTables()).toEqual(await databaseTables());
    });
  },
);
