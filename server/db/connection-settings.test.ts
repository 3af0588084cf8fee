import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../test/databases.js";
import type { Db } from "./client.js";

const setting = async (db: Db, name: string) => {
  const { rows } = (await db.execute(
    sql`SELECT current_setting(${name}) AS value`,
  )) as unknown as { rows: { value: string }[] };
  return rows[0]!.value;
};

describe.each(DB_KINDS)("connection settings on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("plans every query for pages in memory or on SSD (random_page_cost 1.1)", async () => {
    // More than one at a time, so that the pool opens more than one connection.
    const values = await Promise.all(
      Array.from({ length: 4 }, () => setting(database.db, "random_page_cost")),
    );
    expect(values).toEqual(["1.1", "1.1", "1.1", "1.1"]);
  });
});

describe.each(DB_KINDS.filter((kind) => kind === "postgres"))(
  "index read connections on %s",
  (kind) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
    });
    afterAll(() => database.drop());

    it("carry their timeout and bitmap-only plans, and the requests' connections do not", async () => {
      const index = database.indexReads!(250);
      expect(await setting(index, "statement_timeout")).toBe("250ms");
      expect(await setting(index, "enable_seqscan")).toBe("off");
      expect(await setting(index, "enable_indexscan")).toBe("off");
      expect(await setting(index, "random_page_cost")).toBe("1.1");
      expect(await setting(database.db, "statement_timeout")).toBe("0");
      expect(await setting(database.db, "enable_seqscan")).toBe("on");
    });
  },
);
