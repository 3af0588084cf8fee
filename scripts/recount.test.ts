import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countDrift, recount } from "../server/db/ticket-counts.js";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../server/test/databases.js";
import { seedTickets } from "./seed.js";

describe.each(DB_KINDS)("recount on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedTickets(database, { count: 300 });
  });
  afterAll(() => database.drop());

  it("rebuilds counters that drifted (edited, deleted, invented) and reports what was wrong", async () => {
    const drift = await database.session(async (session) => {
      await session.exec(`
        ALTER TABLE tickets DISABLE TRIGGER USER;
        DELETE FROM tickets WHERE id IN (SELECT id FROM tickets LIMIT 10);
        ALTER TABLE tickets ENABLE TRIGGER USER;
        UPDATE ticket_counts SET tickets = tickets + 7
          WHERE (category, priority, status) = (SELECT category, priority, status FROM ticket_counts LIMIT 1);`);
      expect((await countDrift(session)).length).toBeGreaterThan(0);
      return recount(session);
    });
    expect(drift.length).toBeGreaterThan(0);
    for (const row of drift) expect(row.kept).not.toBe(row.actual);
    expect(await database.session(countDrift)).toEqual([]);
  });

  it("changes nothing when the counters are exact", async () => {
    expect(await database.session(recount)).toEqual([]);
  });
});
