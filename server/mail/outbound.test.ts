import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, useTestApp, validTicket } from "../test/helpers.js";
import { startSmtpSink, type SmtpSink } from "../test/smtp-sink.js";
import { prepareMailSettings } from "./outbox-repo.js";
import { mailTokens } from "./tokens.js";

/** Generous: the machine running the tests may be busy. */
const POLL = { timeout: 15_000, interval: 50 };

const FROM = { name: "Example Support", address: "support@desk.test" };

describe.each(DB_KINDS)("outgoing mail on %s", (kind) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  const ctx = useTestApp(kind, {
    config: {
      get mail() {
        return {
          smtpUrl: sink.url,
          from: FROM,
          baseUrl: "https://desk.test",
          outbox: { pollMs: 200, retryBaseMs: 100, retryMaxMs: 400 },
        };
      },
    },
  });
  const tokens = async () =>
    mailTokens(await prepareMailSettings(ctx.database.db, true), FROM);

  const newTicket = async (title: string = validTicket.title) =>
    (
      await ctx.as("requester")({
        method: "POST",
        url: "/api/tickets",
        payload: { ...validTicket, title },
      })
    ).json() as { id: number };
  const post = (ticketId: number, body: string, internal = false) =>
    ctx.as("agent")({
      method: "POST",
      url: `/api/tickets/${ticketId}/messages`,
      payload: { body, internal },
    });
  const mailsFor = (ticketId: number) =>
    sink.received.filter((mail) =>
      mail.parsed.subject?.endsWith(`[#${ticketId}]`),
    );
  const outboxRows = (ticketId: number) =>
    ctx.database.session((s) =>
      s.query<{ kind: string; status: string }>(
        "SELECT kind, status FROM outbound_emails WHERE ticket_id = $1 ORDER BY id",
        [ticketId],
      ),
    );

  it("an agent's public reply reaches the requester with the threading headers; the next one answers it", async () => {
    const ticket = await newTicket("Printer on fire");
    const before = sink.received.length;
    expect((await post(ticket.id, "Please unplug it.")).statusCode).toBe(201);
    const [first] = (await sink.waitFor(before + 1)).slice(before);
    expect(first!.to).toEqual([ctx.people.requester.user.email]);
    expect(first!.parsed.from?.text).toBe(
      '"Example Support" <support@desk.test>',
    );
    expect(first!.parsed.subject).toBe(`Printer on fire [#${ticket.id}]`);
    expect(first!.parsed.text).toContain("Please unplug it.");
    expect(first!.parsed.text).toContain(
      `https://desk.test/tickets/${ticket.id}`,
    );
    expect(first!.parsed.html).toContain("Please unplug it.");
    const keys = await tokens();
    const replyTo = first!.parsed.replyTo!.value[0]!.address!;
    expect(replyTo).toMatch(/^support\+t\d+-[0-9a-f]{16}@desk\.test$/);
    expect(keys.ticketOfAddress(replyTo)).toBe(ticket.id);
    expect(keys.ticketOfMessageId(first!.parsed.messageId!)).toBe(ticket.id);
    // A person's answer, not an automatic one.
    expect(first!.header("auto-submitted")).toBeUndefined();

    await post(ticket.id, "Did that help?");
    const [second] = (await sink.waitFor(before + 2)).slice(before + 1);
    expect(second!.parsed.subject).toBe(`Re: Printer on fire [#${ticket.id}]`);
    expect(second!.parsed.inReplyTo).toBe(first!.parsed.messageId);
    expect(second!.parsed.references).toEqual(first!.parsed.messageId);
    await expect
      .poll(() => outboxRows(ticket.id), POLL)
      .toEqual([
        { kind: "reply", status: "sent" },
        { kind: "reply", status: "sent" },
      ]);
  });

  it("an internal note and the requester's own messages send nothing", async () => {
    const ticket = await newTicket("Quiet one");
    expect((await post(ticket.id, "Customer is grumpy", true)).statusCode).toBe(
      201,
    );
    await ctx.as("requester")({
      method: "POST",
      url: `/api/tickets/${ticket.id}/messages`,
      payload: { body: "Any news?" },
    });
    expect(await outboxRows(ticket.id)).toEqual([]);
  });

  it("the outbox row is part of the reply's transaction: rolled back with it", async () => {
    const ticket = await newTicket("Rolled back");
    await ctx.database.session(async (s) => {
      await s.exec("BEGIN");
      const [message] = await s.query<{ id: number }>(
        "INSERT INTO messages (ticket_id, author_id, body) VALUES ($1, $2, 'x') RETURNING id",
        [ticket.id, ctx.people.agent.user.id],
      );
      await s.query(
        "INSERT INTO ticket_events (ticket_id, actor_kind, actor_id, kind, message_id) VALUES ($1, 'user', $2, 'message', $3)",
        [ticket.id, ctx.people.agent.user.id, message!.id],
      );
      expect(await outboxRows(ticket.id)).toHaveLength(
        kind === "pglite" ? 1 : 0, // PGlite has one connection: the open transaction sees itself
      );
      await s.exec("ROLLBACK");
    });
    expect(await outboxRows(ticket.id)).toEqual([]);
  });

  it("resolving tells the requester and assigning tells the assignee, marked as automatic", async () => {
    const ticket = await newTicket("Notify me");
    const before = sink.received.length;
    await ctx.as("agent")({
      method: "PATCH",
      url: `/api/tickets/${ticket.id}`,
      payload: { assignee_id: ctx.people.admin.user.id },
    });
    await ctx.as("agent")({
      method: "PATCH",
      url: `/api/tickets/${ticket.id}`,
      payload: { status: "resolved" },
    });
    const mails = (await sink.waitFor(before + 2)).slice(before);
    const byRecipient = Object.fromEntries(
      mails.map((mail) => [mail.to[0], mail]),
    );
    const assigned = byRecipient[ctx.people.admin.user.email]!;
    expect(assigned.parsed.text).toContain("Alan Agent assigned ticket");
    const resolved = byRecipient[ctx.people.requester.user.email]!;
    expect(resolved.parsed.text).toContain("has been resolved");
    for (const mail of mails) {
      expect(mail.header("auto-submitted")).toBe("auto-generated");
      expect(mail.header("x-auto-response-suppress")).toBe("All");
    }
    // Assigning yourself tells nobody.
    await ctx.as("agent")({
      method: "PATCH",
      url: `/api/tickets/${ticket.id}`,
      payload: { assignee_id: ctx.people.agent.user.id },
    });
    expect((await outboxRows(ticket.id)).map((r) => r.kind)).toEqual([
      "assigned",
      "resolved",
    ]);
  });

  it("with the SMTP server down for a while, every mail arrives once, in order, when it is back", async () => {
    const ticket = await newTicket("Down and up");
    const before = sink.received.length;
    await sink.down();
    for (let i = 1; i <= 6; i++) await post(ticket.id, `Update number ${i}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const waiting = await ctx.as("agent")({
      url: `/api/tickets/${ticket.id}/mail`,
    });
    const first = waiting.json().deliveries[0];
    expect(first).toMatchObject({ status: "pending" });
    expect(first.attempts).toBeGreaterThan(1);
    expect(first.error).toMatch(/ECONNREFUSED|connect/i);
    expect(sink.received.length).toBe(before);
    await sink.up();
    await sink.waitFor(before + 6, 15_000);
    // Nothing more comes: every mail once.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sink.received.length).toBe(before + 6);
    const bodies = mailsFor(ticket.id).map(
      (mail) => /Update number \d/.exec(mail.parsed.text!)![0],
    );
    expect(bodies).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Update number ${i}`));
    const statuses = async () =>
      (await ctx.as("agent")({ url: `/api/tickets/${ticket.id}/mail` }))
        .json()
        .deliveries.map((d: { status: string }) => d.status);
    await expect.poll(statuses, POLL).toEqual(Array(6).fill("sent"));
  });

  it("a refused recipient fails at once, shows on the ticket and in the admins' list, and can be retried", async () => {
    const ticket = (
      await ctx.as("agent")({
        method: "POST",
        url: "/api/tickets",
        payload: { ...validTicket, requester_email: "nobody@gone.test" },
      })
    ).json();
    sink.refuse("nobody@gone.test");
    await post(ticket.id, "Hello?");
    let delivery;
    for (let i = 0; i < 50; i++) {
      delivery = (
        await ctx.as("agent")({ url: `/api/tickets/${ticket.id}/mail` })
      ).json().deliveries[0];
      if (delivery?.status === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(delivery).toMatchObject({
      status: "failed",
      attempts: 1,
      to: { email: "nobody@gone.test" },
    });
    expect(delivery.error).toContain("No such user here");
    const failed = await ctx.as("admin")({ url: "/api/mail/outbox" });
    expect(failed.json().map((d: { id: number }) => d.id)).toContain(
      delivery.id,
    );
    const retried = await ctx.as("admin")({
      method: "POST",
      url: `/api/mail/outbox/${delivery.id}/retry`,
    });
    expect(retried.json()).toMatchObject({ status: "pending", attempts: 0 });
    const again = await ctx.as("admin")({
      method: "POST",
      url: `/api/mail/outbox/${delivery.id}/retry`,
    });
    expect(again.statusCode).toBe(404);
  });

  it("a requester sees the state of mail sent to them, without errors", async () => {
    const ticket = await newTicket("Mine");
    await post(ticket.id, "For you");
    const mine = await ctx.as("requester")({
      url: `/api/tickets/${ticket.id}/mail`,
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().deliveries).toHaveLength(1);
    expect(mine.json().deliveries[0].error).toBeNull();
    const stranger = await ctx.as("other")({
      url: `/api/tickets/${ticket.id}/mail`,
    });
    expect(stranger.statusCode).toBe(404);
  });

  it("an admin sends a test mail and reads the settings without the SMTP password", async () => {
    const sent = await ctx.as("admin")({
      method: "POST",
      url: "/api/mail/test",
      payload: { to: "ops@elsewhere.test" },
    });
    expect(sent.statusCode).toBe(200);
    // Sent before the answer: already in the sink.
    const mail = sink.received.find((m) => m.to[0] === "ops@elsewhere.test");
    expect(mail!.parsed.messageId).toBe(sent.json().message_id);
    const settings = await ctx.as("admin")({ url: "/api/mail/settings" });
    expect(settings.json().outbound).toMatchObject({
      enabled: true,
      from: "Example Support <support@desk.test>",
    });
    const bad = await ctx.as("admin")({
      method: "POST",
      url: "/api/mail/test",
      payload: { to: "not an address" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.to).toBeDefined();
  });
});
