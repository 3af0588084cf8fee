import { describe, expect, it } from "vitest";
import { CATEGORIES, PRIORITIES, STATUSES } from "../../contract/tickets.js";
import { DB_KINDS, useTestApp, validTicket } from "../test/helpers.js";
import { averagePerDay } from "./sql.js";

describe("averagePerDay", () => {
  it("divides by at least one day and rounds to one decimal", () => {
    expect(averagePerDay(0, 0)).toBe(0);
    expect(averagePerDay(7, 0)).toBe(7);
    expect(averagePerDay(10, 3)).toBe(3.3);
    expect(averagePerDay(2, 3)).toBe(0.7);
    expect(averagePerDay(1, 400)).toBe(0);
  });
});

describe.each(DB_KINDS)("GET /api/tickets/stats/ on %s", (kind) => {
  const ctx = useTestApp(kind);
  const stats = async (query = "") => {
    const response = await ctx.inject({
      url: `/api/tickets/stats/?${query}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const sum = (breakdown: Record<string, number>) =>
    Object.values(breakdown).reduce((a, b) => a + b, 0);

  it("on an empty table answers zeros with every breakdown key present", async () => {
    expect(await stats()).toEqual({
      total_tickets: 0,
      open_tickets: 0,
      avg_tickets_per_day: 0,
      priority_breakdown: Object.fromEntries(PRIORITIES.map((k) => [k, 0])),
      category_breakdown: Object.fromEntries(CATEGORIES.map((k) => [k, 0])),
      status_breakdown: Object.fromEntries(STATUSES.map((k) => [k, 0])),
    });
  });

  it("follows one create and one PATCH", async () => {
    const before = await stats();
    const created = (
      await ctx.inject({
        method: "POST",
        url: "/api/tickets",
        payload: { ...validTicket, category: "billing" },
      })
    ).json();
    const afterCreate = await stats();
    expect(afterCreate.total_tickets).toBe(before.total_tickets + 1);
    expect(afterCreate.open_tickets).toBe(before.open_tickets + 1);
    expect(afterCreate.category_breakdown.billing).toBe(
      before.category_breakdown.billing + 1,
    );
    expect(afterCreate.priority_breakdown.high).toBe(
      before.priority_breakdown.high + 1,
    );

    await ctx.inject({
      method: "PATCH",
      url: `/api/tickets/${created.id}`,
      payload: { status: "closed" },
    });
    const afterPatch = await stats();
    expect(afterPatch.total_tickets).toBe(afterCreate.total_tickets);
    expect(afterPatch.open_tickets).toBe(afterCreate.open_tickets - 1);
    expect(afterPatch.status_breakdown.closed).toBe(
      afterCreate.status_breakdown.closed + 1,
    );
  });

  it("counts tickets spread over days: breakdowns sum to the total, average per whole day", async () => {
    // 20 more tickets, the oldest 10.5 days ago: 10 whole days.
    await ctx.database.session((s) =>
      s.exec(`INSERT INTO tickets (title, description, category, priority, status, created_at)
        SELECT 't' || n, 'd',
          (ARRAY['billing','technical','account','general'])[1 + n % 4],
          (ARRAY['low','medium','high','critical'])[1 + n % 4],
          (ARRAY['open','in_progress','resolved','closed'])[1 + n % 4],
          now() - interval '10 days 12 hours' * n / 20
        FROM generate_series(1, 20) n`),
    );
    const result = await stats();
    expect(result.total_tickets).toBe(21);
    for (const key of [
      "priority_breakdown",
      "category_breakdown",
      "status_breakdown",
    ]) {
      expect(sum(result[key]), key).toBe(21);
    }
    expect(result.open_tickets).toBe(result.status_breakdown.open);
    expect(result.avg_tickets_per_day).toBe(2.1);
  });

  it("applies the list filters", async () => {
    const billing = await stats("category=billing");
    expect(billing.category_breakdown).toEqual({
      billing: billing.total_tickets,
      technical: 0,
      account: 0,
      general: 0,
    });
    expect(billing.total_tickets).toBe(6);
    const combined = await stats(
      "category=billing&status=closed&priority=high",
    );
    expect(combined.total_tickets).toBe(1);
    expect((await stats("search=no-such-text")).total_tickets).toBe(0);
    expect((await stats("category=&status=")).total_tickets).toBe(21);
  });

  it("averages per day from the oldest ticket that matches, under none, one, two and three filters", async () => {
    for (const [query, where] of [
      ["", "true"],
      ["priority=medium", "priority = 'medium'"],
      [
        "category=technical&status=in_progress",
        "category = 'technical' AND status = 'in_progress'",
      ],
      [
        "category=account&priority=high&status=resolved",
        "category = 'account' AND priority = 'high' AND status = 'resolved'",
      ],
      ["assignee=none&status=open", "assignee_id IS NULL AND status = 'open'"],
    ]) {
      const [expected] = await ctx.database.session((s) =>
        s.query<{ total: number; days: number }>(
          `SELECT count(*)::int AS total, coalesce(floor(extract(epoch FROM now() - min(created_at)) / 86400), 0)::int AS days FROM tickets WHERE ${where}`,
        ),
      );
      const result = await stats(query);
      expect(result.total_tickets, query).toBe(expected!.total);
      expect(expected!.days, query).toBeGreaterThan(1);
      expect(result.avg_tickets_per_day, query).toBe(
        averagePerDay(expected!.total, expected!.days),
      );
    }
  });

  it("answers 400 naming an unknown filter value", async () => {
    const response = await ctx.inject({
      url: "/api/tickets/stats/?status=finished",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toHaveProperty("status");
  });
});
