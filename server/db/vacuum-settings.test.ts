import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../test/databases.js";

describe.each(DB_KINDS)("autovacuum settings on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const options = async (table: string) => {
    const [row] = await database.session((s) =>
      s.query<{ reloptions: string[] | null }>(
        "SELECT reloptions FROM pg_class WHERE oid = $1::regclass",
        [table],
      ),
    );
    return Object.fromEntries(
      (row?.reloptions ?? []).map((option) => option.split("=")),
    );
  };

  it("vacuums ticket_counts after 200 dead rows whatever its size", async () => {
    expect(await options("ticket_counts")).toEqual({
      autovacuum_vacuum_scale_factor: "0",
      autovacuum_vacuum_threshold: "200",
      fillfactor: "50",
    });
  });

  it("vacuums and analyzes tickets sooner than the server default", async () => {
    expect(await options("tickets")).toEqual({
      autovacuum_vacuum_scale_factor: "0.02",
      autovacuum_vacuum_insert_scale_factor: "0.05",
      autovacuum_analyze_scale_factor: "0.02",
    });
  });
});
