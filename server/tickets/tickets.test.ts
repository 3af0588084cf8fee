import { describe, expect, it } from "vitest";
import { DB_KINDS, useTestApp, validTicket } from "../test/helpers.js";

describe.each(DB_KINDS)("tickets API on %s", (kind) => {
  const ctx = useTestApp(kind);
  const post = (payload: unknown) =>
    ctx.inject({
      method: "POST",
      url: "/api/tickets/",
      payload: payload as object,
    });

  it("POST /api/tickets/ creates a ticket, trimmed, open by default, with server-set id and timestamps", async () => {
    const response = await post({
      ...validTicket,
      title: "  Cannot log in  ",
      id: undefined,
    });
    expect(response.statusCode).toBe(201);
    const ticket = response.json();
    expect(ticket).toMatchObject({ ...validTicket, status: "open" });
    expect(ticket.id).toBeTypeOf("number");
    expect(new Date(ticket.created_at).toISOString()).toBe(ticket.created_at);
    expect(ticket.updated_at).toBe(ticket.created_at);
  });

  it("POST /api/tickets/ accepts an explicit status", async () => {
    const response = await post({ ...validTicket, status: "in_progress" });
    expect(response.statusCode).toBe(201);
    expect(response.json().status).toBe("in_progress");
  });

  it("POST /api/tickets/ accepts a 200-character title and refuses a 201-character one", async () => {
    expect(
      (await post({ ...validTicket, title: "t".repeat(200) })).statusCode,
    ).toBe(201);
    const response = await post({ ...validTicket, title: "t".repeat(201) });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.title).toHaveLength(1);
  });

  it.each(["title", "description"])(
    "POST /api/tickets/ refuses a blank %s",
    async (field) => {
      const response = await post({ ...validTicket, [field]: "   \n\t " });
      expect(response.statusCode).toBe(400);
      expect(Object.keys(response.json().fields)).toEqual([field]);
    },
  );

  it.each([
    ["category", "urgent"],
    ["priority", "blocker"],
    ["status", "done"],
    ["category", ""],
    ["priority", 3],
  ])("POST /api/tickets/ refuses %s=%j", async (field, value) => {
    const response = await post({ ...validTicket, [field]: value });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: "Invalid request body",
      fields: { [field]: expect.any(Array) },
    });
  });

  it("POST /api/tickets/ refuses a NUL character, which PostgreSQL text cannot hold", async () => {
    const response = await post({ ...validTicket, description: "a\u0000b" });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toHaveProperty("description");
  });

  it("POST /api/tickets/ requires category and priority and names every missing field", async () => {
    const response = await post({ title: "x" });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields).sort()).toEqual([
      "category",
      "description",
      "priority",
    ]);
  });

  it("POST /api/tickets/ never takes id or timestamps from the client", async () => {
    const response = await post({
      ...validTicket,
      id: 999_999,
      created_at: "2000-01-01T00:00:00Z",
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields).sort()).toEqual([
      "created_at",
      "id",
    ]);
  });

  it("POST /api/tickets/ refuses malformed JSON, a JSON array and a non-JSON content type", async () => {
    const malformed = await ctx.inject({
      method: "POST",
      url: "/api/tickets/",
      headers: { "content-type": "application/json" },
      payload: '{"title": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({
      error: "Request body is not valid JSON",
    });

    const array = await post([validTicket]);
    expect(array.statusCode).toBe(400);
    expect(array.json().fields).toHaveProperty("body");

    const text = await ctx.inject({
      method: "POST",
      url: "/api/tickets/",
      headers: { "content-type": "text/plain" },
      payload: "hello",
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error).toMatch(/content type/i);
  });

  it("POST /api/tickets/ answers 413 for a body over 1 MiB and stores nothing", async () => {
    const before = (await ctx.inject({ url: "/api/tickets/stats" })).json()
      .total_tickets;
    const response = await post({
      ...validTicket,
      description: "x".repeat(1024 * 1024 + 1),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: "Request body is too large" });
    expect(
      (await ctx.inject({ url: "/api/tickets/stats" })).json().total_tickets,
    ).toBe(before);
  });

  it("GET /api/tickets/:id/ returns the ticket, with or without the trailing slash", async () => {
    const created = (await post(validTicket)).json();
    for (const url of [
      `/api/tickets/${created.id}/`,
      `/api/tickets/${created.id}`,
    ]) {
      const response = await ctx.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(created);
    }
  });

  it("GET /api/tickets/:id/ answers 404 for an unknown id and 400 for a non-numeric or huge one", async () => {
    const missing = await ctx.inject({ url: "/api/tickets/987654321/" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: "Ticket not found" });
    for (const id of ["abc", "1.5", "-3", "0", "99999999999999999999"]) {
      const response = await ctx.inject({ url: `/api/tickets/${id}/` });
      expect(response.statusCode, id).toBe(400);
      expect(response.json().fields).toHaveProperty("id");
    }
  });

  it("PATCH /api/tickets/:id/ changes the given fields, trims them and moves updated_at", async () => {
    const created = (await post(validTicket)).json();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const response = await ctx.inject({
      method: "PATCH",
      url: `/api/tickets/${created.id}/`,
      payload: { status: "resolved", title: "  Login fixed  " },
    });
    expect(response.statusCode).toBe(200);
    const updated = response.json();
    expect(updated).toMatchObject({
      ...validTicket,
      title: "Login fixed",
      status: "resolved",
      id: created.id,
    });
    expect(updated.created_at).toBe(created.created_at);
    expect(Date.parse(updated.updated_at)).toBeGreaterThan(
      Date.parse(created.updated_at),
    );
    expect(
      (await ctx.inject({ url: `/api/tickets/${created.id}` })).json(),
    ).toEqual(updated);
  });

  it("PATCH /api/tickets/:id/ lets status move between any two values", async () => {
    const created = (await post({ ...validTicket, status: "closed" })).json();
    for (const status of [
      "open",
      "resolved",
      "in_progress",
      "closed",
      "open",
    ]) {
      const response = await ctx.inject({
        method: "PATCH",
        url: `/api/tickets/${created.id}`,
        payload: { status },
      });
      expect(response.json().status).toBe(status);
    }
  });

  it.each([
    [{ category: "urgent" }, "category"],
    [{ priority: "p1" }, "priority"],
    [{ status: "done" }, "status"],
    [{ title: " " }, "title"],
    [{ title: "t".repeat(201) }, "title"],
    [{ description: "" }, "description"],
    [{ id: 5 }, "id"],
  ])(
    "PATCH /api/tickets/:id/ refuses %j and leaves the ticket as it was",
    async (patch, field) => {
      const created = (await post(validTicket)).json();
      const response = await ctx.inject({
        method: "PATCH",
        url: `/api/tickets/${created.id}`,
        payload: patch,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toHaveProperty(field);
      expect(
        (await ctx.inject({ url: `/api/tickets/${created.id}` })).json(),
      ).toEqual(created);
    },
  );

  it("every read gives a ticket as create and update gave it: get, each order of the list, search", async () => {
    const filed = (
      await post({ ...validTicket, title: "Quokka read back" })
    ).json();
    const { user: agent } = ctx.people.agent;
    expect(filed.requester).toEqual({
      id: agent.id,
      name: agent.name,
      email: agent.email,
    });
    expect(filed.assignee).toBeNull();
    const reads = async () => [
      (await ctx.inject({ url: `/api/tickets/${filed.id}/` })).json(),
      ...(await Promise.all(
        ["newest", "oldest", "priority", "activity"].map(async (sort) => {
          const url = `/api/tickets/?sort=${sort}&search=quokka%20read&limit=100`;
          const page = (await ctx.inject({ url })).json();
          return page.find((ticket: { id: number }) => ticket.id === filed.id);
        }),
      )),
    ];
    for (const read of await reads()) expect(read).toEqual(filed);

    const assigned = await ctx.inject({
      method: "PATCH",
      url: `/api/tickets/${filed.id}/`,
      payload: { assignee_id: agent.id },
    });
    expect(assigned.json().assignee).toEqual(filed.requester);
    for (const read of await reads()) expect(read).toEqual(assigned.json());
  });

  it("PATCH /api/tickets/:id/ refuses an empty patch, and answers 404 for an unknown id", async () => {
    const created = (await post(validTicket)).json();
    const empty = await ctx.inject({
      method: "PATCH",
      url: `/api/tickets/${created.id}`,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const missing = await ctx.inject({
      method: "PATCH",
      url: "/api/tickets/987654321",
      payload: { status: "open" },
    });
    expect(missing.statusCode).toBe(404);
  });
});
