import { beforeAll, describe, expect, it } from "vitest";
import { SEARCH_SCANNED_HEADER, type Sort } from "../../contract/tickets.js";
import type { Actor } from "../http/route.js";
import { DB_KINDS, useTestApp } from "../test/helpers.js";
import { decodeCursor } from "./cursor.js";
import { ticketsRepo } from "./repo.js";
import { decodeSortCursor, type After } from "./sort.js";

// 40 tickets, one a minute, ticket `n` minutes old, priorities and last activity in other orders;
// `needle` and the other words are in the ones listed, in any case; a few are not ASCII.
const TICKETS = `INSERT INTO tickets (title, description, category, priority, requester_id, created_at, updated_at)
  SELECT 'Ticket ' || n,
    CASE WHEN n = ANY($1::int[]) THEN 'About the NeEdLe' WHEN n = ANY($2::int[]) THEN 'other'
      WHEN n = ANY($3::int[]) THEN 'an old one' WHEN n = ANY($5::int[]) THEN 'Straße zum CAFÉ Éclair' WHEN n = 3 THEN 'Un café crème' ELSE 'hay' END,
    'general', (ARRAY['low', 'medium', 'high', 'critical'])[1 + n % 4], $4,
    now() - interval '1 minute' * n, now() - interval '1 minute' * (n * 7 % 40)
  FROM generate_series(0, 39) n`;

describe.each(DB_KINDS)("bounded search on %s", (kind) => {
  const ctx = useTestApp(kind);
  // A window of 10 tickets and an index answer of at most 5, pages of 3.
  const repo = () =>
    ticketsRepo(
      ctx.database.db,
      {
        window: 10,
        indexCap: 5,
        indexMs: 10_000,
        sparseMax: 5000,
      },
      ctx.database.indexReads,
    );
  const agent = (): Actor => ({ user: ctx.people.agent.user, via: "token" });
  const run = (sqlText: string, params: unknown[] = []) =>
    ctx.database.session((s) => s.query(sqlText, params));
  const titles = (tickets: { title: string }[]) => tickets.map((t) => t.title);

  /** Every page of a search, following `next`, and the pages that stopped at the window. */
  const everyPage = async (
    search: string,
    actor = agent(),
    sort: Sort = "newest",
  ) => {
    const found: string[] = [];
    const scanned: number[] = [];
    let after: After | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await repo().listPage({ search }, actor, 3, after, sort);
      found.push(...titles(page.tickets));
      if (page.scanned !== undefined) scanned.push(page.scanned);
      if (page.next === undefined) return { found, scanned };
      after = decodeSortCursor(sort, page.next);
    }
    throw new Error("Too many pages");
  };
  const newest = (cursor: string | undefined) =>
    cursor === undefined ? undefined : decodeSortCursor("newest", cursor);

  beforeAll(async () => {
    // needle: 2 recent (1, 4), 1 old (25); "other": 7 old ones, more than the index answers;
    // "old": 2 old ones; "café": two recent (2 in capitals, 3), one old (36).
    await run(TICKETS, [
      [1, 4, 25],
      [12, 14, 16, 18, 20, 22, 24],
      [30, 33],
      ctx.people.requester.user.id,
      [2, 36],
    ]);
  });

  it("answers a common term from the newest tickets with a full page", async () => {
    const page = await repo().listPage({ search: "ticket" }, agent(), 3);
    expect(titles(page.tickets)).toEqual(["Ticket 0", "Ticket 1", "Ticket 2"]);
    expect(newest(page.next)).toEqual({ id: page.tickets[2]!.id });
    expect(page.scanned).toBeUndefined();
  });

  it("stops a term found among the newest at the window and continues after it", async () => {
    const first = await repo().listPage({ search: "needle" }, agent(), 3);
    expect(titles(first.tickets)).toEqual(["Ticket 1", "Ticket 4"]);
    expect(first.scanned).toBe(10);
    const [ninth] = (await run(
      "SELECT id FROM tickets WHERE title = 'Ticket 9'",
    )) as { id: number }[];
    expect(newest(first.next)).toEqual({ id: Number(ninth!.id) });
    // The next windows hold no match; the index then answers the only one left.
    const second = await repo().listPage(
      { search: "needle" },
      agent(),
      3,
      newest(first.next),
    );
    expect(titles(second.tickets)).toEqual(["Ticket 25"]);
    expect(second.next).toBeUndefined();
    expect(second.scanned).toBeUndefined();
  });

  it("answers a term absent from the newest tickets completely from the index", async () => {
    const page = await repo().listPage({ search: "OLD" }, agent(), 3);
    expect(titles(page.tickets)).toEqual(["Ticket 30", "Ticket 33"]);
    expect(page.scanned).toBeUndefined();
    expect(page.next).toBeUndefined();
    expect((await everyPage("zeppelin")).found).toEqual([]);
    expect((await everyPage("zeppelin")).scanned).toEqual([]);
  });

  it("does not ask the index for a term too short for it, and still finds every match", async () => {
    // "ol" is only in tickets 30 and 33; "zq" nowhere. Each page walks the next 10 of the 40.
    const short = await everyPage("ol");
    expect(short.found).toEqual(["Ticket 30", "Ticket 33"]);
    expect(short.scanned.length).toBeGreaterThan(1);
    expect((await everyPage("zq")).scanned).toEqual([10, 10, 10, 10]);
    expect((await everyPage("zqx")).scanned).toEqual([]);
  });

  it("keeps each bound's index read apart where repos share the index connections", async () => {
    // The same indexMs, so on PostgreSQL the same pool of index connections; "old" has 2 matches.
    const narrow = ticketsRepo(
      ctx.database.db,
      { window: 10, indexCap: 1, indexMs: 10_000, sparseMax: 5000 },
      ctx.database.indexReads,
    );
    for (let round = 0; round < 3; round++) {
      expect(
        (await repo().listPage({ search: "old" }, agent(), 3)).scanned,
      ).toBeUndefined();
      expect(
        (await narrow.listPage({ search: "old" }, agent(), 3)).scanned,
      ).toBe(10);
      expect((await narrow.stats({ search: "old" }, agent())).scanned).toBe(10);
      expect(
        (await repo().stats({ search: "old" }, agent())).total_tickets,
      ).toBe(2);
    }
  });

  it("says how far it searched when the index holds too many older matches", async () => {
    const page = await repo().listPage({ search: "other" }, agent(), 3);
    expect(page.tickets).toEqual([]);
    expect(page.scanned).toBe(10);
    expect(page.next).toBeDefined();
  });

  it.each([
    ["newest", "created_at DESC, id DESC"],
    ["oldest", "created_at, id"],
    [
      "priority",
      "CASE priority WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END DESC, created_at DESC, id DESC",
    ],
    ["activity", "updated_at DESC, id DESC"],
  ] as const)(
    "finds, page after page, exactly what a plain ILIKE finds, sorted %s",
    async (sort, order) => {
      for (const term of [
        "needle",
        "other",
        "ticket 1",
        "hay",
        "%",
        "EEDL",
        "old",
        "café",
        "ÉCLAIR",
        "cafe",
        "STRASSE",
        "straße",
      ]) {
        const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const expected = (
          (await run(
            `SELECT title FROM tickets WHERE title ILIKE $1 OR description ILIKE $1 ORDER BY ${order}`,
            [pattern],
          )) as { title: string }[]
        ).map((row) => row.title);
        expect((await everyPage(term, agent(), sort)).found, term).toEqual(
          expected,
        );
      }
    },
  );

  it("counts a search's stats where a page searches, and says so unless the numbers are complete", async () => {
    const stats = (search: string, actor = agent()) =>
      repo().stats({ search }, actor);
    // Matches among the newest 10, by the same exact test.
    const [hay] = (await run(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE priority = 'low')::int AS low
       FROM (SELECT * FROM tickets ORDER BY created_at DESC, id DESC LIMIT 10) newest
       WHERE title ILIKE '%hay%' OR description ILIKE '%hay%'`,
    )) as { total: number; low: number }[];
    const common = await stats("hay");
    expect(common.total_tickets).toBe(hay!.total);
    expect(common.priority_breakdown.low).toBe(hay!.low);
    expect(common.scanned).toBe(10);
    // None among the newest 10: the index holds 2 (complete), or 7 (more than 5: not counted).
    const old = await stats("OLD");
    expect([old.total_tickets, old.scanned]).toEqual([2, undefined]);
    expect(old.category_breakdown.general).toBe(2);
    const other = await stats("other");
    expect([other.total_tickets, other.scanned]).toEqual([0, 10]);
    // A requester's own tickets are fewer than 10: complete, and only theirs.
    const own: Actor = { user: ctx.people.other.user, via: "token" };
    expect(await stats("needle", own)).toMatchObject({ total_tickets: 0 });
    expect((await stats("needle", own)).scanned).toBeUndefined();
  });

  it("keeps a requester to their own tickets, from the walk and from the index", async () => {
    const other: Actor = { user: ctx.people.other.user, via: "token" };
    expect((await everyPage("needle", other)).found).toEqual([]);
    expect((await everyPage("old", other)).found).toEqual([]);
    const own: Actor = { user: ctx.people.requester.user, via: "token" };
    expect((await everyPage("needle", own)).found).toEqual([
      "Ticket 1",
      "Ticket 4",
      "Ticket 25",
    ]);
  });
});

describe.each(DB_KINDS)(
  "GET /api/tickets/?search= past the window on %s",
  (kind) => {
    const ctx = useTestApp(kind);

    it(`answers ${SEARCH_SCANNED_HEADER} and a Link that continues after the last ticket examined`, async () => {
      await ctx.database.session((s) =>
        s.query(
          `INSERT INTO tickets (title, description, category, priority, created_at)
         SELECT 'Ticket ' || n, CASE WHEN n IN (0, 1050) THEN 'a rare word' ELSE 'hay' END,
           'general', 'low', now() - interval '1 second' * n
         FROM generate_series(0, 1099) n`,
        ),
      );
      const first = await ctx.inject({ url: "/api/tickets/?search=rare" });
      expect(first.statusCode).toBe(200);
      expect(first.json().map((t: { title: string }) => t.title)).toEqual([
        "Ticket 0",
      ]);
      expect(first.headers[SEARCH_SCANNED_HEADER]).toBe("1000");
      const next = /<([^>]+)>; rel="next"/.exec(
        String(first.headers.link),
      )?.[1];
      const cursor = new URL(next!, "http://x").searchParams.get("cursor")!;
      const [last] = await ctx.database.session((s) =>
        s.query<{ id: number }>(
          "SELECT id FROM tickets WHERE title = 'Ticket 999'",
        ),
      );
      expect(decodeCursor(cursor)).toBe(Number(last!.id));

      const second = await ctx.inject({ url: next! });
      expect(second.json().map((t: { title: string }) => t.title)).toEqual([
        "Ticket 1050",
      ]);
      expect(second.headers[SEARCH_SCANNED_HEADER]).toBeUndefined();
      expect(second.headers.link).toBeUndefined();
    });
  },
);

describe.each(DB_KINDS.filter((kind) => kind === "postgres"))(
  "a slow index read on %s",
  (kind) => {
    const ctx = useTestApp(kind);
    const repo = (indexMs: number) =>
      ticketsRepo(
        ctx.database.db,
        {
          window: 10,
          indexCap: 100_000,
          indexMs,
          sparseMax: 5000,
        },
        ctx.database.indexReads,
      );
    const agent = (): Actor => ({ user: ctx.people.agent.user, via: "token" });

    it("is cut off at indexMs, and the page answers what the walk found", async () => {
      // 20,000 older tickets with the term, 10 newer without: the index read has 20,000 to fetch.
      await ctx.database.session((s) =>
        s.exec(`INSERT INTO tickets (title, description, category, priority, created_at)
          SELECT 'Ticket ' || n, CASE WHEN n < 10 THEN 'hay' ELSE 'a slowterm here' END,
            'general', 'low', now() - interval '1 second' * n
          FROM generate_series(0, 19999 + 10) n;
          ANALYZE tickets`),
      );
      const patient = await repo(60_000).listPage(
        { search: "slowterm" },
        agent(),
        3,
      );
      expect(patient.tickets).toHaveLength(3);
      expect(patient.scanned).toBeUndefined();
      const hurried = await repo(1).listPage(
        { search: "slowterm" },
        agent(),
        3,
      );
      expect(hurried.tickets).toEqual([]);
      expect(hurried.scanned).toBe(10);
      expect(hurried.next).toBeDefined();
      const counted = await repo(1).stats({ search: "slowterm" }, agent());
      expect([counted.total_tickets, counted.scanned]).toEqual([0, 10]);
      expect(
        (await repo(60_000).stats({ search: "slowterm" }, agent()))
          .total_tickets,
      ).toBe(20_000);
    });
  },
);
