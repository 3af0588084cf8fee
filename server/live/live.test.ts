import { describe, expect, it, vi } from "vitest";
import { credentialsRepo } from "../auth/credentials-repo.js";
import { buildTestApp, DB_KINDS, validTicket } from "../test/helpers.js";
import { data, useLiveApp } from "../test/live-helpers.js";
import { openSse, type SseStream } from "../test/sse-client.js";

describe.each(DB_KINDS)("GET /api/events on %s", (kind) => {
  const ctx = useLiveApp(kind, { heartbeatMs: 200 });
  const { open, create, patch, say } = ctx;

  it("streams text/event-stream, starting with ready and its event id", async () => {
    const stream = await open("agent");
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toBe(
      "text/event-stream; charset=utf-8",
    );
    expect(stream.headers["x-request-id"]).toBeTruthy();
    const ready = await stream.next();
    expect(ready.event).toBe("ready");
    expect(Number(ready.id)).toBeGreaterThanOrEqual(0);
  });

  it("tells an agent of a new ticket, of a change (one event for all its fields) and of a message", async () => {
    const stream = await open("agent");
    await stream.next((e) => e.event === "ready");
    const id = await create();
    expect(data(await stream.next())).toEqual({
      id,
      created: true,
      fields: [],
    });
    await patch(id, {
      status: "in_progress",
      priority: "low",
      assignee_id: ctx.people.agent.user.id,
    });
    const changed = await stream.next();
    expect(changed.event).toBe("ticket");
    expect(data(changed)).toEqual({
      id,
      created: false,
      fields: ["priority", "status", "assignee"],
    });
    const messageId = await say("agent", id, "On it");
    const message = await stream.next();
    expect(message.event).toBe("message");
    expect(data(message)).toEqual({ ticket_id: id, id: messageId });
    expect(Number(message.id)).toBeGreaterThan(Number(changed.id));
  });

  it("a requester hears only of their own tickets, and never of internal notes", async () => {
    const rita = await open("requester");
    const oscar = await open("other");
    await Promise.all([rita.next(), oscar.next()]);
    const ritas = await create({
      ...validTicket,
      requester_email: ctx.people.requester.user.email,
    });
    const oscars = await create({
      ...validTicket,
      requester_email: ctx.people.other.user.email,
    });
    const note = await say("agent", ritas, "Internal: refund approved", true);
    await say("agent", oscars, "Reply to Oscar");
    await patch(oscars, { priority: "critical" });
    const reply = await say("agent", ritas, "Public reply to Rita");

    expect(data(await rita.next((e) => e.event === "message"))).toEqual({
      ticket_id: ritas,
      id: reply,
    });
    await patch(oscars, { priority: "low" }); // Oscar's last event, to know his stream is done
    await oscar.next(
      (e) => e.event === "ticket" && data(e).fields.includes("priority"),
    );
    await oscar.next(
      (e) => e.event === "ticket" && data(e).fields.includes("priority"),
    );

    const ticketIds = (stream: SseStream) =>
      stream.events
        .filter((e) => e.event === "ticket" || e.event === "message")
        .map((e) => data(e).ticket_id ?? data(e).id);
    expect(new Set(ticketIds(rita))).toEqual(new Set([ritas]));
    expect(new Set(ticketIds(oscar))).toEqual(new Set([oscars]));
    const messages = (stream: SseStream) =>
      stream.events.filter((e) => e.event === "message").map((e) => data(e).id);
    expect(messages(rita)).toEqual([reply]);
    expect(messages(rita)).not.toContain(note);
  });

  it("sends a heartbeat comment between events", async () => {
    const stream = await open("agent");
    await vi.waitFor(() => expect(stream.comments).toContain("heartbeat"), {
      timeout: 2000,
    });
  });

  it("ends the stream of a person disabled meanwhile, at the next heartbeat", async () => {
    const { user } = (
      await ctx.as("admin")({
        method: "POST",
        url: "/api/users",
        payload: {
          email: "leaving@example.test",
          name: "Leaving",
          role: "agent",
        },
      })
    ).json();
    const { token } = await credentialsRepo(ctx.database.db).createToken(
      user.id,
      "x",
    );
    const stream = await open({ token });
    await stream.next();
    await ctx.as("admin")({
      method: "PATCH",
      url: `/api/users/${user.id}`,
      payload: { disabled: true },
    });
    expect(await stream.closed(2000)).toBe(true);
  });

  it("app.close() ends open streams at once instead of waiting for their clients", async () => {
    const app = await buildTestApp(ctx.database);
    const stream = await openSse(
      `${await app.app.listen({ host: "127.0.0.1", port: 0 })}/api/events`,
      { authorization: `Bearer ${app.people.agent.token}` },
    );
    await stream.next();
    await app.close();
    expect(await stream.closed()).toBe(true);
  });

  it("a stream outlives the request timeout, which bounds only the request's arrival", async () => {
    const app = await buildTestApp(ctx.database, {
      config: { requestTimeoutMs: 500, live: { heartbeatMs: 200 } },
    });
    const stream = await openSse(
      `${await app.app.listen({ host: "127.0.0.1", port: 0 })}/api/events`,
      { authorization: `Bearer ${app.people.agent.token}` },
    );
    await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(stream.ended).toBe(false);
    stream.close();
    await app.close();
  });
});
