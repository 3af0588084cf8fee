import { beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, useTestApp } from "../test/helpers.js";

type Seed = {
  title: string;
  description?: string;
  category?: string;
  priority?: string;
  status?: string;
};

describe.each(DB_KINDS)("GET /api/tickets/ on %s", (kind) => {
  const ctx = useTestApp(kind);
  const create = async (seed: Seed) => {
    const response = await ctx.inject({
      method: "POST",
      url: "/api/tickets",
      payload: {
        description: "Something happened.",
        category: "general",
        priority: "low",
        ...seed,
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const list = async (query: string) => {
    const response = await ctx.inject({ url: `/api/tickets/?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { id: number; title: string }[];
  };
  const titles = async (query: string) =>
    (await list(query)).map((ticket) => ticket.title).sort();

  beforeAll(async () => {
    await create({
      title: "Refund for March invoice",
      category: "billing",
      priority: "high",
      status: "open",
    });
    await create({
      title: "App crashes on start",
      category: "technical",
      priority: "critical",
      status: "in_progress",
    });
    await create({
      title: "Password reset email",
      category: "account",
      priority: "medium",
      status: "resolved",
    });
    await create({
      title: "Feature idea",
      description: "Dark MODE please",
      category: "general",
      priority: "low",
    });
    await create({
      title: "Billing page slow",
      category: "technical",
      priority: "high",
      status: "open",
    });
    await create({
      title: "Discount of 50% not applied",
      category: "billing",
      priority: "medium",
    });
    await create({
      title: "Field user_name rejected",
      category: "account",
      priority: "low",
    });
    await create({
      title: "Path C:\\temp not found",
      description: 'It\'s "broken"',
      category: "technical",
    });
    await create({
      title: "Ошибка оплаты картой",
      description: "請幫忙 — payment failed",
      category: "billing",
    });
  });

  it("lists newest first, ties in created_at broken by id", async () => {
    const tickets = await list("");
    expect(tickets.map((t) => t.title)[0]).toBe("Ошибка оплаты картой");
    const ids = tickets.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("filters by category, priority and status, alone and combined", async () => {
    expect(await titles("category=billing")).toEqual([
      "Discount of 50% not applied",
      "Refund for March invoice",
      "Ошибка оплаты картой",
    ]);
    expect(await titles("priority=high")).toEqual([
      "Billing page slow",
      "Refund for March invoice",
    ]);
    expect(await titles("status=resolved")).toEqual(["Password reset email"]);
    expect(await titles("category=technical&priority=high")).toEqual([
      "Billing page slow",
    ]);
    expect(
      await titles("category=technical&status=in_progress&priority=critical"),
    ).toEqual(["App crashes on start"]);
    expect(await titles("category=account&status=closed")).toEqual([]);
  });

  it("treats an empty filter value as no filter", async () => {
    expect(await titles("category=&priority=&status=&search=")).toEqual(
      await titles(""),
    );
  });

  it("searches title and description, case-insensitively", async () => {
    expect(await titles("search=BILLING")).toEqual(["Billing page slow"]);
    expect(await titles("search=dark%20mode")).toEqual(["Feature idea"]);
    expect(
      await titles("search=refund&category=billing&priority=high"),
    ).toEqual(["Refund for March invoice"]);
    expect(await titles("search=refund&category=technical")).toEqual([]);
  });

  it("matches %, _, backslash and quotes literally", async () => {
    expect(await titles("search=50%25")).toEqual([
      "Discount of 50% not applied",
    ]);
    expect(await titles("search=%25")).toEqual(["Discount of 50% not applied"]);
    expect(await titles("search=r_n")).toEqual(["Field user_name rejected"]);
    expect(await titles("search=_")).toEqual(["Field user_name rejected"]);
    expect(await titles(`search=${encodeURIComponent("C:\\temp")}`)).toEqual([
      "Path C:\\temp not found",
    ]);
    expect(await titles(`search=${encodeURIComponent('"broken"')}`)).toEqual([
      "Path C:\\temp not found",
    ]);
    expect(await titles(`search=${encodeURIComponent("It's")}`)).toEqual([
      "Path C:\\temp not found",
    ]);
  });

  it("finds non-Latin text, case-insensitively", async () => {
    expect(await titles(`search=${encodeURIComponent("ошибка")}`)).toEqual([
      "Ошибка оплаты картой",
    ]);
    expect(await titles(`search=${encodeURIComponent("請幫忙")}`)).toEqual([
      "Ошибка оплаты картой",
    ]);
  });

  it.each([
    ["category=urgent", "category"],
    ["priority=p1", "priority"],
    ["status=done", "status"],
    ["limit=0", "limit"],
    ["limit=201", "limit"],
    ["limit=ten", "limit"],
    ["cursor=bogus", "cursor"],
    ["search=a%00b", "search"],
    ["category=billing&category=technical", "category"],
    [`cursor=${Buffer.from("t:abc").toString("base64url")}`, "cursor"],
  ])("answers 400 naming the field for %s", async (query, field) => {
    const response = await ctx.inject({ url: `/api/tickets/?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toHaveProperty(field);
  });

  it("answers 400 naming the cursor when it names a ticket that does not exist", async () => {
    const cursor = Buffer.from("t:999999").toString("base64url");
    const response = await ctx.inject({
      url: `/api/tickets/?cursor=${cursor}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: "Invalid query parameters",
      fields: { cursor: ["Invalid cursor"] },
    });
  });

  it("takes a cursor naming the oldest ticket: an empty last page, not an error", async () => {
    const all = await list("limit=200");
    const oldest = all.at(-1)!.id;
    const cursor = Buffer.from(`t:${oldest}`).toString("base64url");
    expect(await list(`cursor=${cursor}`)).toEqual([]);
  });

  it("answers a requester 400 for a cursor naming someone else's ticket when nothing of theirs is older", async () => {
    const theirs = await create({ title: "Someone else's" });
    const response = await ctx.as("requester")({
      url: `/api/tickets/?cursor=${Buffer.from(`t:${theirs.id}`).toString("base64url")}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toHaveProperty("cursor");
  });

  it("limits the page size and sends a Link header only when there are more", async () => {
    const all = await list("");
    const first = await ctx.inject({
      url: "/api/tickets/?limit=2&category=billing",
    });
    expect(first.json()).toHaveLength(2);
    const link = first.headers.link as string;
    expect(link).toMatch(
      /^<\/api\/tickets\/\?limit=2&category=billing&cursor=[\w-]+>; rel="next"$/,
    );
    const next = await ctx.inject({
      url: link.slice(1, link.indexOf(">")),
    });
    expect(next.json().map((t: { title: string }) => t.title)).toEqual([
      "Refund for March invoice",
    ]);
    expect(next.headers.link).toBeUndefined();
    const everything = await ctx.inject({
      url: `/api/tickets/?limit=${all.length}`,
    });
    expect(everything.headers.link).toBeUndefined();
  });
});

describe.each(DB_KINDS)("pagination on %s", (kind) => {
  const ctx = useTestApp(kind);

  it("walks every ticket exactly once while new tickets are being created, ties included", async () => {
    // 30 tickets share one created_at, so only the id breaks their ties.
    await ctx.database.session((s) =>
      s.exec(`INSERT INTO tickets (title, description, category, priority, created_at)
        SELECT 'tied ' || n, 'd', 'general', 'low', '2026-01-01T00:00:00Z' FROM generate_series(1, 30) n`),
    );
    for (let n = 0; n < 25; n++) {
      await ctx.inject({
        method: "POST",
        url: "/api/tickets",
        payload: {
          title: `old ${n}`,
          description: "d",
          category: "billing",
          priority: "low",
        },
      });
    }
    const existing = new Set<number>(
      (await ctx.inject({ url: "/api/tickets/?limit=200" }))
        .json()
        .map((t: { id: number }) => t.id),
    );
    const seen: number[] = [];
    let url: string | undefined = "/api/tickets/?limit=7";
    let created = 0;
    while (url) {
      const response = await ctx.inject({ url });
      seen.push(...response.json().map((t: { id: number }) => t.id));
      await ctx.inject({
        method: "POST",
        url: "/api/tickets",
        payload: {
          title: `new ${created++}`,
          description: "d",
          category: "billing",
          priority: "low",
        },
      });
      const link = response.headers.link as string | undefined;
      url = link?.slice(1, link.indexOf(">"));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(existing);
    expect(created).toBe(Math.ceil(55 / 7));
  });
});
