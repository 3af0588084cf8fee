import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import { DB_KINDS, useTestApp, validTicket } from "../test/helpers.js";

// Every ticket of these tests has MARK in its description, so `search=MARK` matches them all and
// takes the path that counts tickets, while the same query without it reads ticket_counts.
const MARK = "zz-mark";

const COUNTERS = `SELECT category, priority, status, tickets::int AS tickets FROM ticket_counts
  WHERE tickets <> 0 ORDER BY category, priority, status`;
const COUNTED = `SELECT category, priority, status, count(*)::int AS tickets FROM tickets
  GROUP BY category, priority, status ORDER BY category, priority, status`;
const ASSIGNEE_COUNTERS = `SELECT assignee::int, category, priority, status, tickets::int AS tickets
  FROM ticket_assignee_counts WHERE tickets <> 0 ORDER BY 1, 2, 3, 4`;
const ASSIGNEE_COUNTED = `SELECT coalesce(assignee_id, 0)::int AS assignee, category, priority, status,
  count(*)::int AS tickets FROM tickets GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

// 40 tickets over the last 11 days, cycling through the values at different rates.
const RAW_INSERT = `INSERT INTO tickets (title, description, category, priority, status, created_at)
  SELECT 'raw ' || n, 'd ${MARK}',
    (ARRAY['billing','technical','account','general'])[1 + n % 4],
    (ARRAY['low','medium','high','critical'])[1 + n % 3],
    (ARRAY['open','in_progress','resolved','closed'])[1 + n % 5 % 4],
    now() - interval '7 hours' * n
  FROM generate_series(1, 40) n`;

describe.each(DB_KINDS)("ticket_counts on %s", (kind) => {
  const ctx = useTestApp(kind);
  const run = <Row = unknown>(sqlText: string, params: unknown[] = []) =>
    ctx.database.session((s) => s.query<Row>(sqlText, params));
  const expectExact = async () => {
    expect(await run(COUNTERS)).toEqual(await run(COUNTED));
    expect(await run(ASSIGNEE_COUNTERS)).toEqual(await run(ASSIGNEE_COUNTED));
  };
  const inject = async (
    method: "GET" | "POST" | "PATCH",
    url: string,
    payload?: object,
  ) => {
    const response = await ctx.inject({ method, url, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const create = (values: object = {}) =>
    inject("POST", "/api/tickets", {
      ...validTicket,
      description: `Broken ${MARK}`,
      ...values,
    });
  const ids = async (where: string) =>
    (
      await run<{ id: number }>(
        `SELECT id FROM tickets WHERE ${where} ORDER BY id`,
      )
    ).map((row) => row.id);

  it("follows API creates and PATCHes, raw multi-row INSERT, UPDATE and DELETE", async () => {
    const created = [];
    for (const category of ["billing", "technical", "billing"])
      created.push(await create({ category }));
    await expectExact();
    await inject("PATCH", `/api/tickets/${created[0].id}`, {
      status: "closed",
    });
    await inject("PATCH", `/api/tickets/${created[1].id}`, {
      category: "account",
      priority: "low",
    });
    await inject("PATCH", `/api/tickets/${created[2].id}`, {
      title: "Renamed",
    });
    await expectExact();
    await inject("PATCH", `/api/tickets/${created[2].id}`, {
      assignee_id: ctx.people.agent.user.id,
    });
    await inject("PATCH", `/api/tickets/${created[0].id}`, {
      assignee_id: ctx.people.admin.user.id,
      status: "open",
    });
    await expectExact();

    await run(RAW_INSERT);
    await run(
      `UPDATE tickets SET status = 'resolved' WHERE status = 'open' AND id % 2 = 0`,
    );
    await run(`UPDATE tickets SET title = title || '!'`);
    await run(
      `UPDATE tickets SET category = 'general', status = 'open' WHERE priority = 'low'`,
    );
    await run(`UPDATE tickets SET assignee_id = $1 WHERE id % 4 = 1`, [
      ctx.people.agent.user.id,
    ]);
    await expectExact();
    await run(`DELETE FROM tickets WHERE id % 3 = 0`);
    await expectExact();

    await run("DELETE FROM tickets");
    expect(await run(COUNTERS)).toEqual([]);
    await run(RAW_INSERT);
    await expectExact();
  });

  it("stays exact under concurrent moves in opposite directions", async () => {
    const x = { category: "billing", priority: "low", status: "open" };
    const y = { category: "technical", priority: "high", status: "closed" };
    await run("DELETE FROM tickets");
    for (let i = 0; i < 20; i++) await create(i % 2 ? x : y);
    const move = (to: typeof x, group: number[]) =>
      Promise.all([
        run(
          "UPDATE tickets SET category = $1, priority = $2, status = $3 WHERE id = ANY($4)",
          [to.category, to.priority, to.status, group.slice(0, 5)],
        ),
        ...group
          .slice(5)
          .map((id) => inject("PATCH", `/api/tickets/${id}`, to)),
      ]);
    for (let round = 0; round < 5; round++) {
      const [inX, inY] = [
        await ids(`category = 'billing'`),
        await ids(`category = 'technical'`),
      ];
      // Each statement locks both counter rows; half of them in each direction, all at once.
      await Promise.all([move(y, inX), move(x, inY)]);
    }
    await expectExact();
    expect((await inject("GET", "/api/tickets/stats/")).total_tickets).toBe(20);
  });

  describe("filtered stats", () => {
    beforeAll(async () => {
      await run("DELETE FROM tickets");
      await run(RAW_INSERT);
      await create({ category: "general", priority: "critical" });
      await run(`UPDATE tickets SET assignee_id = $1 WHERE id % 3 = 0`, [
        ctx.people.agent.user.id,
      ]);
      await run(`UPDATE tickets SET assignee_id = $1 WHERE id % 3 = 1`, [
        ctx.people.admin.user.id,
      ]);
    });

    it.each([
      "",
      "category=billing",
      "status=open",
      "priority=high&status=closed",
      "category=technical&status=in_progress",
      "category=account&priority=low&status=open",
      "category=general&priority=critical&status=in_progress",
      "assignee=me",
      "assignee=none",
      "assignee=none&status=open",
      "assignee=me&category=billing",
      "assignee=me&category=account&priority=low&status=open",
    ])(
      "?%s: counters, a search matching all and the list agree",
      async (query) => {
        const fromCounters = await inject(
          "GET",
          `/api/tickets/stats/?${query}`,
        );
        const fromTickets = await inject(
          "GET",
          `/api/tickets/stats/?${query}&search=${MARK}`,
        );
        const listed = await inject("GET", `/api/tickets/?limit=200&${query}`);
        expect(fromCounters).toEqual(fromTickets);
        expect(fromCounters.total_tickets).toBe(listed.length);
      },
    );
  });
});

describe.each(DB_KINDS)("migration 0003_ticket_counts on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { migrated: false });
  });
  afterAll(() => database.drop());
  const migration = (name: string) =>
    readFile(new URL(`../db/migrations/${name}`, import.meta.url), "utf8");

  it("counts the tickets that existed before it", async () => {
    await database.session(async (s) => {
      await s.exec(await migration("0001_tickets.sql"));
      await s.exec(await migration("0002_tickets_filters_index.sql"));
      await s.exec(RAW_INSERT);
      await s.exec(
        `BEGIN; ${await migration("0003_ticket_counts.sql")}; COMMIT`,
      );
      await s.exec("DELETE FROM tickets WHERE id % 4 = 0");
      expect(await s.query(COUNTERS)).toEqual(await s.query(COUNTED));
      expect(await s.query(COUNTERS)).not.toEqual([]);
    });
  });
});
