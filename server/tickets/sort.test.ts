import { describe, expect, it } from "vitest";
import { DB_KINDS, useTestApp } from "../test/helpers.js";
import { decodeSortCursor, encodeSortCursor } from "./sort.js";

type Row = { id: number; title: string; priority: string };

describe.each(DB_KINDS)("GET /api/tickets/?sort= on %s", (kind) => {
  const ctx = useTestApp(kind);
  const list = async (query: string) => {
    const response = await ctx.inject({ url: `/api/tickets/?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Row[];
  };
  /** Every page of a list, following the Link header; `between` runs after each page. */
  const walk = async (
    query: string,
    between = async (_seen: number[]) => {},
  ) => {
    const seen: number[] = [];
    let url: string | undefined = `/api/tickets/?${query}`;
    while (url) {
      const response = await ctx.inject({ url });
      expect(response.statusCode, response.body).toBe(200);
      seen.push(...(response.json() as Row[]).map((t) => t.id));
      await between(seen);
      const link = response.headers.link as string | undefined;
      url = link?.slice(1, link.indexOf(">"));
    }
    return seen;
  };
  const patch = (id: number, payload: object) =>
    ctx.inject({ method: "PATCH", url: `/api/tickets/${id}`, payload });

  it("orders newest, oldest, most urgent and latest activity first, walking each without repeats", async () => {
    // 40 tickets in one statement: one created_at and one updated_at, so ids break every tie.
    await ctx.database.session((s) =>
      s.exec(`INSERT INTO tickets (title, description, category, priority)
        SELECT 'sorted ' || n, 'd', 'general', (ARRAY['low','medium','high','critical'])[1 + n % 4]
        FROM generate_series(1, 40) n`),
    );
    const all = await list("search=sorted&limit=200");
    const ids = all.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(
      (await list("search=sorted&limit=200&sort=oldest")).map((t) => t.id),
    ).toEqual([...ids].reverse());
    const rank = { critical: 3, high: 2, medium: 1, low: 0 } as Record<
      string,
      number
    >;
    const urgent = await list("search=sorted&limit=200&sort=priority");
    expect(urgent.map((t) => t.id)).toEqual(
      [...all]
        .sort((a, b) => rank[b.priority]! - rank[a.priority]! || b.id - a.id)
        .map((t) => t.id),
    );
    await patch(ids[30]!, { status: "in_progress" });
    await patch(ids[10]!, { status: "in_progress" });
    const active = await list("search=sorted&limit=3&sort=activity");
    expect(active.map((t) => t.id)).toEqual([ids[10], ids[30], ids[0]]);

    for (const sort of ["newest", "oldest", "priority", "activity"]) {
      const seen = await walk(`search=sorted&limit=7&sort=${sort}`);
      expect(seen.length, sort).toBe(40);
      expect(new Set(seen), sort).toEqual(new Set(ids));
    }
  });

  it("pages by last activity and by priority without repeating a ticket that changed meanwhile", async () => {
    await ctx.database.session((s) =>
      s.exec(`INSERT INTO tickets (title, description, category, priority)
        SELECT 'moving ' || n, 'd', 'general', 'low' FROM generate_series(1, 30) n`),
    );
    for (const [sort, change] of [
      ["activity", { status: "in_progress" }],
      ["priority", { priority: "critical" }],
    ] as const) {
      const changed = new Set<number>();
      const seen = await walk(
        `search=moving&limit=6&sort=${sort}`,
        async (shown) => {
          // The page's last ticket (the one its cursor names) jumps to the top of this order.
          const first = shown.findLast((id) => !changed.has(id));
          if (first === undefined) return;
          changed.add(first);
          expect((await patch(first, change)).statusCode).toBe(200);
        },
      );
      expect(changed.size, sort).toBeGreaterThan(3);
      expect(new Set(seen).size, sort).toBe(seen.length);
      expect(seen.length, sort).toBe(30);
    }
  });

  it("refuses an unknown sort and a cursor made for another order, naming the field", async () => {
    const bad = await ctx.inject({ url: "/api/tickets/?sort=title" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty("sort");
    const newest = encodeSortCursor("newest", { id: 5, priority: "low" });
    const mixed = await ctx.inject({
      url: `/api/tickets/?sort=priority&cursor=${newest}`,
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().fields).toEqual({ cursor: ["Invalid cursor"] });
  });
});

describe("sort cursors", () => {
  it("round-trip, and refuse anything they did not make", () => {
    const ticket = { id: 42, priority: "high" } as const;
    for (const sort of ["newest", "oldest", "priority", "activity"] as const) {
      const cursor = encodeSortCursor(sort, ticket, "1764097260123456");
      expect(decodeSortCursor(sort, cursor)).toMatchObject({ id: 42 });
    }
    expect(
      decodeSortCursor("priority", encodeSortCursor("priority", ticket)),
    ).toEqual({ id: 42, rank: 2 });
    expect(
      decodeSortCursor(
        "activity",
        encodeSortCursor("activity", ticket, "1764097260123456"),
      ),
    ).toEqual({ id: 42, micros: "1764097260123456" });
    const forge = (text: string) => Buffer.from(text).toString("base64url");
    for (const text of ["p:4:1", "p:1:0", "a:x:1", "o:01", "t:1", "a:1:1:1"])
      expect(
        decodeSortCursor(
          text[0] === "a"
            ? "activity"
            : text[0] === "p"
              ? "priority"
              : "oldest",
          forge(text),
        ),
        text,
      ).toBeUndefined();
  });
});
