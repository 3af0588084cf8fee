import { beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, useTestApp, validTicket } from "../test/helpers.js";

/** A word that appears only in the internal note, so any leak of the note's text is findable. */
const SECRET = "zebracrossing";

describe.each(DB_KINDS)("internal notes on %s", (kind) => {
  const ctx = useTestApp(kind);
  let ticketId: number;
  let noteId: number;

  beforeAll(async () => {
    ticketId = (
      await ctx.as("requester")({
        method: "POST",
        url: "/api/tickets",
        payload: validTicket,
      })
    ).json().id;
    const note = await ctx.inject({
      method: "POST",
      url: `/api/tickets/${ticketId}/messages`,
      payload: { body: `Customer seems angry, ${SECRET}`, internal: true },
    });
    expect(note.statusCode).toBe(201);
    expect(note.json().internal).toBe(true);
    noteId = note.json().id;
  });

  it("agents and admins see the note in the conversation; the requester does not", async () => {
    for (const who of ["agent", "admin"] as const) {
      const list = (
        await ctx.as(who)({ url: `/api/tickets/${ticketId}/messages` })
      ).json();
      expect(list.map((m: { id: number }) => m.id)).toContain(noteId);
    }
    const mine = await ctx.as("requester")({
      url: `/api/tickets/${ticketId}/messages`,
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain(SECRET);
    expect(mine.json()).toEqual([]);
  });

  it("the requester's history of the ticket has no trace of the note", async () => {
    const agents = (
      await ctx.inject({ url: `/api/tickets/${ticketId}/events` })
    ).json();
    expect(
      agents.filter((e: { kind: string }) => e.kind === "message"),
    ).toEqual([expect.objectContaining({ internal: true })]);
    const mine = (
      await ctx.as("requester")({ url: `/api/tickets/${ticketId}/events` })
    ).json();
    expect(mine.map((e: { kind: string }) => e.kind)).toEqual(["created"]);
  });

  it("a note does not touch the ticket: its updated_at tells the requester nothing", async () => {
    const before = (
      await ctx.as("requester")({ url: `/api/tickets/${ticketId}` })
    ).json();
    await ctx.inject({
      method: "POST",
      url: `/api/tickets/${ticketId}/messages`,
      payload: { body: "Another note", internal: true },
    });
    const after = (
      await ctx.as("requester")({ url: `/api/tickets/${ticketId}` })
    ).json();
    expect(after.updated_at).toBe(before.updated_at);
  });

  it("search never matches a note's text, for anyone (it covers title and description)", async () => {
    for (const who of ["requester", "agent"] as const) {
      const list = await ctx.as(who)({ url: `/api/tickets?search=${SECRET}` });
      expect(list.json()).toEqual([]);
      const stats = await ctx.as(who)({
        url: `/api/tickets/stats?search=${SECRET}`,
      });
      expect(stats.json().total_tickets).toBe(0);
    }
  });

  it("a requester asking for an internal note is refused with 403, and nothing is written", async () => {
    const response = await ctx.as("requester")({
      method: "POST",
      url: `/api/tickets/${ticketId}/messages`,
      payload: { body: "Psst", internal: true },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatch(/internal/);
    const list = (
      await ctx.inject({ url: `/api/tickets/${ticketId}/messages` })
    ).json();
    expect(list.map((m: { body: string }) => m.body)).not.toContain("Psst");
  });
});
