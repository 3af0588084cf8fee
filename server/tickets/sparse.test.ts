import { beforeAll, describe, expect, it } from "vitest";
import type { Sort, TicketFilters } from "../../contract/tickets.js";
import type { Actor } from "../http/route.js";
import { DB_KINDS, useTestApp } from "../test/helpers.js";
import { ticketsRepo } from "./repo.js";
import { READ_LIMITS } from "./search.js";
import { decodeSortCursor, type After } from "./sort.js";
import { preparedStatements } from "../db/prepared.js";
import { readingOf } from "./sparse.js";
import { filterWhere } from "./sql.js";

const ORDER: Record<Sort, string> = {
  newest: "created_at DESC, id DESC",
  oldest: "created_at, id",
  priority:
    "CASE priority WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END DESC, created_at DESC, id DESC",
  activity: "updated_at DESC, id DESC",
};

// 60 tickets: categories, priorities, statuses, assignees and activity in different cycles; none
// is unassigned and closed, and the agent has nothing in progress.
const TICKETS = `INSERT INTO tickets (title, description, category, priority, status, assignee_id, requester_id, created_at, updated_at)
  SELECT 'Ticket ' || n, CASE WHEN n % 5 = 0 THEN 'needle' ELSE 'hay' END,
    (ARRAY['billing', 'technical', 'account', 'general'])[1 + n % 4],
    (ARRAY['low', 'medium', 'high', 'critical'])[1 + n % 3],
    (ARRAY['open', 'in_progress', 'resolved', 'closed'])[1 + n % 7 % 4],
    CASE WHEN n % 7 % 4 = 3 OR (n % 3 = 0 AND n % 7 % 4 <> 1) THEN $1::bigint WHEN n % 7 % 4 <> 1 THEN $2::bigint END,
    CASE WHEN n % 2 = 0 THEN $3::bigint ELSE $4::bigint END,
    now() - interval '1 minute' * n, now() - interval '1 minute' * (n * 11 % 60)
  FROM generate_series(0, 59) n`;

describe.each(DB_KINDS)("filtered reads, walked or sparse, on %s", (kind) => {
  const ctx = useTestApp(kind);
  const run = (text: string, params: unknown[] = []) =>
    ctx.database.session((s) => s.query<{ title: string }>(text, params));
  const staff = (): Actor => ({ user: ctx.people.agent.user, via: "token" });
  const own = (): Actor => ({ user: ctx.people.requester.user, via: "token" });

  /** Every page's titles, 7 at a time, following `next`. */
  const everyPage = async (
    sparseMax: number,
    filters: TicketFilters,
    actor: Actor,
    sort: Sort,
  ) => {
    const repo = ticketsRepo(ctx.database.db, { ...READ_LIMITS, sparseMax });
    const titles: string[] = [];
    let after: After | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await repo.listPage(filters, actor, 7, after, sort);
      titles.push(...page.tickets.map((t) => t.title));
      if (page.next === undefined) return titles;
      after = decodeSortCursor(sort, page.next);
    }
    throw new Error("Too many pages");
  };

  beforeAll(async () => {
    await run(TICKETS, [
      ctx.people.agent.user.id,
      ctx.people.admin.user.id,
      ctx.people.requester.user.id,
      ctx.people.other.user.id,
    ]);
  });

  it.each(["newest", "oldest", "priority", "activity"] as const)(
    "lists what plain SQL finds, in order, by walking and by taking the few first, sorted %s",
    async (sort) => {
      const agentId = ctx.people.agent.user.id;
      const cases: [TicketFilters, Actor, string][] = [
        [
          { assignee: "none", status: "closed" },
          staff(),
          "assignee_id IS NULL AND status = 'closed'",
        ],
        [
          { assignee: "me", status: "in_progress" },
          staff(),
          `assignee_id = ${agentId} AND status = 'in_progress'`,
        ],
        [{ assignee: "me" }, staff(), `assignee_id = ${agentId}`],
        [
          { assignee: "none", category: "billing" },
          staff(),
          "assignee_id IS NULL AND category = 'billing'",
        ],
        [
          { category: "technical", status: "open" },
          staff(),
          "category = 'technical' AND status = 'open'",
        ],
        [{ priority: "critical" }, staff(), "priority = 'critical'"],
        [
          { status: "resolved" },
          own(),
          `requester_id = ${ctx.people.requester.user.id} AND status = 'resolved'`,
        ],
        [
          { search: "needle", status: "open" },
          staff(),
          "description = 'needle' AND status = 'open'",
        ],
        [
          { search: "needle", assignee: "none", status: "closed" },
          staff(),
          "false",
        ],
      ];
      for (const [filters, actor, where] of cases) {
        const expected = (
          await run(
            `SELECT title FROM tickets WHERE ${where} ORDER BY ${ORDER[sort]}`,
          )
        ).map((row) => row.title);
        const label = JSON.stringify(filters);
        expect(
          await everyPage(0, filters, actor, sort),
          `walked ${label}`,
        ).toEqual(expected);
        expect(
          await everyPage(10_000, filters, actor, sort),
          `taken first where cheaper ${label}`,
        ).toEqual(expected);
      }
    },
  );

  it("takes the matching tickets first only when that reads fewer rows than a walk would", async () => {
    const reading = (
      filters: TicketFilters,
      rows: number,
      max = 5000,
      sort: Sort = "priority",
    ) =>
      readingOf(
        ctx.database.db,
        preparedStatements(),
        filters,
        staff(),
        filterWhere(filters, staff()),
        { sort, rows, max },
      );
    const [{ n, total } = { n: 0, total: 0 }] = (await run(
      "SELECT count(*) FILTER (WHERE priority = 'high')::int AS n, count(*)::int AS total FROM tickets",
    )) as unknown as { n: number; total: number }[];
    expect(n).toBeGreaterThan(1);
    // a walk that needs `rows` matches passes about rows × total ÷ n tickets; taking them reads n
    const enough = Math.ceil((n * n) / total);
    expect(await reading({ priority: "high" }, enough)).toBe("sparse");
    expect(await reading({ priority: "high" }, enough - 1)).toBe("walk");
    expect(await reading({ priority: "high" }, total, n - 1)).toBe("walk");
    expect(await reading({ priority: "critical" }, 1)).toBe("none");
    // an agent's queue by latest activity has an index of its own (migration 0015)
    const queue = { assignee: "me", status: "open" } as const;
    expect(await reading(queue, 100, 5000, "activity")).toBe("walk");
    expect(await reading(queue, 100, 5000, "priority")).toBe("sparse");
  });

  it("counts a search's stats the same way, walked or sparse", async () => {
    for (const sparseMax of [0, 10_000]) {
      const repo = ticketsRepo(ctx.database.db, { ...READ_LIMITS, sparseMax });
      const stats = await repo.stats(
        { search: "needle", category: "general" },
        staff(),
      );
      const [expected] = (await run(
        "SELECT count(*)::int AS n FROM tickets WHERE description = 'needle' AND category = 'general'",
      )) as unknown as { n: number }[];
      expect(stats.total_tickets, `sparseMax ${sparseMax}`).toBe(expected!.n);
      expect(stats.scanned).toBeUndefined();
    }
  });
});
