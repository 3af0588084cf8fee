import { describe, expect, it } from "vitest";
import { DB_KINDS, useTestApp, validTicket } from "../test/helpers.js";

describe.each(DB_KINDS)("ticket history on %s", (kind) => {
  const ctx = useTestApp(kind);
  const create = async (who: "agent" | "requester" = "agent", extra = {}) =>
    (
      await ctx.as(who)({
        method: "POST",
        url: "/api/tickets",
        payload: { ...validTicket, ...extra },
      })
    ).json();
  const patch = (
    id: number,
    payload: object,
    who: "agent" | "admin" | "requester" | "other" = "agent",
  ) => ctx.as(who)({ method: "PATCH", url: `/api/tickets/${id}`, payload });
  const events = async (id: number, who: "agent" | "requester" = "agent") =>
    (await ctx.as(who)({ url: `/api/tickets/${id}/events` })).json();

  it("records the creation and each changed field once, with the person who did it", async () => {
    const ticket = await create();
    await patch(ticket.id, {
      priority: "critical",
      status: "in_progress",
      category: "account",
    });
    await patch(ticket.id, { priority: "low" }, "admin");
    const history = await events(ticket.id);
    expect(
      history.map((e: { kind: string; field?: string }) => e.field ?? e.kind),
    ).toEqual(["created", "priority", "status", "priority"]);
    expect(history[0].actor).toEqual({
      kind: "user",
      id: ctx.people.agent.user.id,
      name: "Alan Agent",
    });
    expect(history[1]).toMatchObject({
      kind: "changed",
      field: "priority",
      from: "high",
      to: "critical",
    });
    expect(history[3]).toMatchObject({
      from: "critical",
      to: "low",
      actor: { name: "Ada Admin" },
    });
    expect(new Date(history[1].at).getTime()).toBeGreaterThanOrEqual(
      new Date(history[0].at).getTime(),
    );
  });

  it("writes no event for a refused change or one that changes nothing", async () => {
    const ticket = await create("requester");
    expect((await patch(ticket.id, { priority: "bogus" })).statusCode).toBe(
      400,
    );
    expect(
      (await patch(ticket.id, { priority: "low" }, "requester")).statusCode,
    ).toBe(403);
    expect(
      (await patch(ticket.id, { status: "closed" }, "other")).statusCode,
    ).toBe(404);
    expect(
      (await patch(ticket.id, { assignee_id: ctx.people.other.user.id }))
        .statusCode,
    ).toBe(400);
    expect((await patch(ticket.id, { priority: "high" })).statusCode).toBe(200);
    expect(await events(ticket.id)).toHaveLength(1);
  });

  it("records assignment with the people's names, and filters by assignee", async () => {
    const ticket = await create();
    const agent = ctx.people.agent.user;
    const assigned = await patch(ticket.id, { assignee_id: agent.id });
    expect(assigned.json().assignee).toEqual({
      id: agent.id,
      name: agent.name,
      email: agent.email,
    });
    await patch(ticket.id, { assignee_id: ctx.people.admin.user.id }, "admin");
    await patch(ticket.id, { assignee_id: null });
    const assignments = (await events(ticket.id)).filter(
      (e: { kind: string }) => e.kind === "assigned",
    );
    expect(
      assignments.map((e: { from: string | null; to: string | null }) => [
        e.from,
        e.to,
      ]),
    ).toEqual([
      [null, "Alan Agent"],
      ["Alan Agent", "Ada Admin"],
      ["Ada Admin", null],
    ]);
    await patch(ticket.id, { assignee_id: agent.id });
    const ids = async (query: string) =>
      (await ctx.inject({ url: `/api/tickets?${query}` }))
        .json()
        .map((t: { id: number }) => t.id);
    expect(await ids("assignee=me")).toContain(ticket.id);
    expect(await ids(`assignee=${agent.id}`)).toContain(ticket.id);
    expect(await ids("assignee=none")).not.toContain(ticket.id);
    const mine = (
      await ctx.inject({ url: "/api/tickets/stats?assignee=me" })
    ).json();
    expect(mine.total_tickets).toBe((await ids("assignee=me")).length);
    expect(
      (await ctx.inject({ url: "/api/tickets?assignee=someone" })).json().fields
        .assignee,
    ).toBeDefined();
  });

  it("lets a requester close and reopen their own ticket, and nothing else", async () => {
    const ticket = await create("requester");
    expect(
      (await patch(ticket.id, { status: "closed" }, "requester")).json().status,
    ).toBe("closed");
    expect(
      (await patch(ticket.id, { status: "open" }, "requester")).json().status,
    ).toBe("open");
    expect(
      (await patch(ticket.id, { status: "resolved" }, "requester")).statusCode,
    ).toBe(403);
    expect(
      (await patch(ticket.id, { title: "Mine now" }, "requester")).statusCode,
    ).toBe(403);
    const history = await events(ticket.id, "requester");
    expect(history.map((e: { to?: string }) => e.to ?? null)).toEqual([
      null,
      "closed",
      "open",
    ]);
  });

  it("files a ticket on behalf of a requester by email, creating them if new", async () => {
    const ticket = await create("agent", {
      requester_email: "Walk.In@example.test",
      requester_name: "Walk In",
    });
    expect(ticket.requester).toMatchObject({
      email: "walk.in@example.test",
      name: "Walk In",
    });
    const again = await create("agent", {
      requester_email: "walk.in@example.test",
    });
    expect(again.requester.id).toBe(ticket.requester.id);
    const people = (
      await ctx.inject({ url: "/api/users?search=walk.in" })
    ).json();
    expect(people).toEqual([
      expect.objectContaining({
        role: "requester",
        email: "walk.in@example.test",
      }),
    ]);
    const refused = await ctx.as("requester")({
      method: "POST",
      url: "/api/tickets",
      payload: { ...validTicket, requester_email: "someone@example.test" },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("is append-only in the database itself", async () => {
    const ticket = await create();
    const run = (text: string) =>
      ctx.database.session((session) => session.query(text));
    await expect(
      run(
        `UPDATE ticket_events SET kind = 'created' WHERE ticket_id = ${ticket.id}`,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      run(`DELETE FROM ticket_events WHERE ticket_id = ${ticket.id}`),
    ).rejects.toThrow(/append-only/);
    await expect(run("TRUNCATE ticket_events")).rejects.toThrow();
    expect(await events(ticket.id)).toHaveLength(1);
  });
});
