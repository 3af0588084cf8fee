import { beforeAll, describe, expect, it } from "vitest";
import { MESSAGE_MAX } from "../../contract/messages.js";
import {
  DB_KINDS,
  useTestApp,
  validTicket,
  type Who,
} from "../test/helpers.js";

describe.each(DB_KINDS)("conversation on %s", (kind) => {
  const ctx = useTestApp(kind);
  let ticketId: number;
  const messagesUrl = () => `/api/tickets/${ticketId}/messages`;
  const run = (sqlText: string, params: unknown[]) =>
    ctx.database.session((s) => s.query(sqlText, params));
  const post = (who: Who, payload: object, id = ticketId) =>
    ctx.as(who)({
      method: "POST",
      url: `/api/tickets/${id}/messages`,
      payload,
    });

  beforeAll(async () => {
    const ticket = await ctx.as("requester")({
      method: "POST",
      url: "/api/tickets",
      payload: validTicket,
    });
    ticketId = ticket.json().id;
  });

  it("POST /api/tickets/:id/messages adds an agent's reply and a requester's, listed oldest first", async () => {
    const agentReply = await post("agent", { body: "  Try resetting it.\n" });
    expect(agentReply.statusCode).toBe(201);
    expect(agentReply.json()).toMatchObject({
      ticket_id: ticketId,
      author: {
        id: ctx.people.agent.user.id,
        name: "Alan Agent",
        role: "agent",
      },
      body: "Try resetting it.",
      internal: false,
    });
    const reply = await post("requester", { body: "It worked,\nthanks!" });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().author.role).toBe("requester");

    for (const who of ["requester", "agent", "admin"] as const) {
      const list = await ctx.as(who)({ url: messagesUrl() });
      expect(list.statusCode).toBe(200);
      expect(list.json().map((m: { id: number }) => m.id)).toEqual([
        agentReply.json().id,
        reply.json().id,
      ]);
    }
  });

  it("each message is in the ticket's history, written with it", async () => {
    const { id } = (await post("agent", { body: "Looking into it" })).json();
    const [row] = await run(
      "SELECT actor_id::int, internal FROM ticket_events WHERE message_id = $1",
      [id],
    );
    expect(row).toEqual({
      actor_id: ctx.people.agent.user.id,
      internal: false,
    });
    const history = await ctx.as("requester")({
      url: `/api/tickets/${ticketId}/events`,
    });
    expect(history.json().at(-1)).toMatchObject({
      kind: "message",
      actor: { kind: "user", id: ctx.people.agent.user.id },
    });
  });

  it("a public message touches the ticket's updated_at: its last activity", async () => {
    const before = (
      await ctx.inject({ url: `/api/tickets/${ticketId}` })
    ).json();
    await post("requester", { body: "Still there?" });
    const after = (
      await ctx.inject({ url: `/api/tickets/${ticketId}` })
    ).json();
    expect(after.updated_at > before.updated_at).toBe(true);
  });

  it("another requester's ticket, or none, answers 404 to read and to write", async () => {
    expect((await ctx.as("other")({ url: messagesUrl() })).statusCode).toBe(
      404,
    );
    expect((await post("other", { body: "Me too" })).statusCode).toBe(404);
    expect(
      (await ctx.inject({ url: "/api/tickets/999999/messages" })).statusCode,
    ).toBe(404);
    expect((await post("agent", { body: "Hello" }, 999999)).statusCode).toBe(
      404,
    );
  });

  it.each([
    ["empty", ""],
    ["spaces and line breaks", "  \n\t\r\n "],
    ["invisible characters", "\u200b\ufeff"],
    ["longer than 100,000 characters", "x".repeat(MESSAGE_MAX + 1)],
    ["not text", 42],
  ])("refuses a body that is %s, naming the field", async (_, body) => {
    const response = await post("agent", { body });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields)).toEqual(["body"]);
  });

  it("accepts a body of exactly 100,000 characters; a request over the body limit is 413", async () => {
    expect(
      (await post("agent", { body: "x".repeat(MESSAGE_MAX) })).statusCode,
    ).toBe(201);
    expect(
      (await post("agent", { body: "x".repeat(2_000_000) })).statusCode,
    ).toBe(413);
  });

  it("refuses unknown keys and a non-boolean internal flag", async () => {
    expect((await post("agent", { body: "Hi", author_id: 1 })).statusCode).toBe(
      400,
    );
    const response = await post("agent", { body: "Hi", internal: "yes" });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields)).toEqual(["internal"]);
  });

  it.each([
    ["blank", "' \u200b '"],
    ["too long", "repeat('x', 100001)"],
  ])("the database refuses a %s body written by hand", async (_, body) => {
    await expect(
      run(
        `INSERT INTO messages (ticket_id, author_id, body) VALUES ($1, $2, ${body})`,
        [ticketId, ctx.people.agent.user.id],
      ),
    ).rejects.toThrow(/messages_body_check/);
  });
});
