import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAIL_POLL as POLL,
  deliverInbound,
  postInbound,
  rawMail,
} from "../../test/mail-builder.js";
import { DB_KINDS, useTestApp } from "../../test/helpers.js";
import { startSmtpSink, type SmtpSink } from "../../test/smtp-sink.js";
import { prepareMailSettings } from "../outbox-repo.js";
import { mailTokens } from "../tokens.js";

const FROM = { name: "Desk", address: "support@desk.test" };
const TOKEN = "inbound-token-for-tests-0123";

describe.each(DB_KINDS)("incoming mail on %s", (kind) => {
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
          inboundToken: TOKEN,
          attachmentMaxBytes: 1000,
          inboundPollMs: 200,
          outbox: { pollMs: 200 },
        };
      },
    },
  });
  const query = <T>(sqlText: string, params: unknown[] = []) =>
    ctx.database.session((s) => s.query<T>(sqlText, params));
  const tokens = async () =>
    mailTokens(await prepareMailSettings(ctx.database.db, true), FROM);

  const post = (raw: Buffer | string, token = TOKEN) =>
    postInbound(ctx, token, raw);
  /** Posts a message and waits until it is processed. */
  const deliver = (raw: Buffer) => deliverInbound(ctx, TOKEN, raw);
  const ticketOf = async (id: number) =>
    (await ctx.as("agent")({ url: `/api/tickets/${id}` })).json();
  const messagesOf = async (id: number) =>
    (await ctx.as("agent")({ url: `/api/tickets/${id}/messages` })).json();
  const mailTo = (address: string) =>
    sink.received.filter((mail) => mail.to[0] === address);

  it("a new sender's mail opens a ticket for a new requester without a password, acknowledged in the same thread", async () => {
    const raw = await rawMail({
      from: "Nina New <nina@customer.test>",
      subject: "Invoice 42 is wrong",
      text: "The total is off by ten euros.\n\n-- \nNina",
      messageId: "<first@customer.test>",
    });
    const row = await deliver(raw);
    expect(row).toMatchObject({ status: "processed", opened_ticket: true });
    const ticket = await ticketOf(row.ticket_id!);
    expect(ticket).toMatchObject({
      title: "Invoice 42 is wrong",
      description: "The total is off by ten euros.",
      requester: { name: "Nina New", email: "nina@customer.test" },
    });
    const [person] = await query<{ password_hash: string | null }>(
      "SELECT password_hash FROM users WHERE email = 'nina@customer.test'",
    );
    expect(person!.password_hash).toBeNull();
    await expect.poll(() => mailTo("nina@customer.test").length, POLL).toBe(1);
    const [ack] = mailTo("nina@customer.test");
    expect(ack!.parsed.inReplyTo).toBe("<first@customer.test>");
    expect(ack!.header("auto-submitted")).toBe("auto-generated");
    expect(ack!.parsed.subject).toBe(`Re: Invoice 42 is wrong [#${ticket.id}]`);
    const mail = await ctx.as("agent")({
      url: `/api/tickets/${ticket.id}/mail`,
    });
    expect(mail.json().inbound).toEqual([
      expect.objectContaining({ message_id: null, from: "nina@customer.test" }),
    ]);
  });

  it("threads replies by our Message-ID in In-Reply-To, by References only, by a known Message-ID and by the plus-address", async () => {
    const opened = await deliver(
      await rawMail({ subject: "Threads", messageId: "<t0@customer.test>" }),
    );
    const ticketId = opened.ticket_id!;
    const keys = await tokens();
    const ours = keys.messageId(999_001, ticketId);
    const cases = [
      { inReplyTo: ours },
      { references: ["<unknown@else.test>", ours] },
      { inReplyTo: "<t0@customer.test>", from: "colleague@customer.test" },
      { to: keys.replyAddress(ticketId), subject: "No headers at all" },
    ];
    for (const extra of cases) {
      const row = await deliver(
        await rawMail({ subject: "Re: Threads", text: "More", ...extra }),
      );
      expect(row, JSON.stringify(extra)).toMatchObject({
        status: "processed",
        ticket_id: ticketId,
        opened_ticket: false,
      });
    }
    expect(await messagesOf(ticketId)).toHaveLength(4);
  });

  it("takes [#n] in the subject only from someone who belongs to the ticket; forged tokens and plain mail open new tickets", async () => {
    const opened = await deliver(
      await rawMail({ subject: "Mine", from: "owner@customer.test" }),
    );
    const id = opened.ticket_id!;
    const fromOwner = await deliver(
      await rawMail({
        subject: `Re: Mine [#${id}]`,
        from: "owner@customer.test",
      }),
    );
    expect(fromOwner.ticket_id).toBe(id);
    const fromStranger = await deliver(
      await rawMail({
        subject: `Re: Mine [#${id}]`,
        from: "mallory@evil.test",
      }),
    );
    expect(fromStranger).toMatchObject({ opened_ticket: true });
    expect(fromStranger.ticket_id).not.toBe(id);
    const forged = await deliver(
      await rawMail({
        inReplyTo: `<td.1.${id}.0000000000000000@desk.test>`,
        to: `support+t${id}-0000000000000000@desk.test`,
        from: "mallory@evil.test",
      }),
    );
    expect(forged).toMatchObject({ opened_ticket: true });
    expect(forged.ticket_id).not.toBe(id);
    const plain = await deliver(
      await rawMail({ subject: "Something else", from: "owner@customer.test" }),
    );
    expect(plain).toMatchObject({ opened_ticket: true });
  });

  it("stores a Message-ID once: the same mail again is neither stored nor processed twice", async () => {
    const raw = await rawMail({
      subject: "Twice",
      messageId: "<dup@customer.test>",
    });
    const first = await post(raw);
    const again = await post(raw);
    expect(first.json()).toMatchObject({ stored: true });
    expect(again.json()).toEqual({ stored: false, id: null });
    await expect
      .poll(
        async () =>
          (
            await query<{ n: number }>(
              "SELECT count(*)::int AS n FROM tickets WHERE title = 'Twice'",
            )
          )[0]!.n,
        POLL,
      )
      .toBe(1);
  });

  it("a requester's reply by mail reopens their resolved ticket; automatic mail is kept, never answered, never reopens", async () => {
    const opened = await deliver(
      await rawMail({
        subject: "Loops",
        from: "loop@customer.test",
        messageId: "<loop0@customer.test>",
      }),
    );
    const id = opened.ticket_id!;
    await expect.poll(() => mailTo("loop@customer.test").length, POLL).toBe(1); // the acknowledgement
    const resolve = () =>
      ctx.as("agent")({
        method: "PATCH",
        url: `/api/tickets/${id}`,
        payload: { status: "resolved" },
      });
    await resolve();
    const keys = await tokens();
    const reply = {
      from: "loop@customer.test",
      inReplyTo: "<loop0@customer.test>",
    };
    const automatic = [
      {
        ...reply,
        headers: { "Auto-Submitted": "auto-replied" },
        subject: "Out of office",
      },
      { ...reply, headers: { "X-Autoreply": "yes" } },
      { ...reply, headers: { Precedence: "bulk" } },
      { ...reply, headers: { "List-Id": "<news.customer.test>" } },
      {
        ...reply,
        from: "MAILER-DAEMON@customer.test",
        headers: {
          "Content-Type": "multipart/report; report-type=delivery-status",
        },
      },
      { ...reply, messageId: keys.messageId(123, id) },
      { ...reply, from: "support@desk.test" },
    ];
    for (const extra of automatic) {
      const row = await deliver(await rawMail(extra));
      expect(row.status, JSON.stringify(extra)).toBe("ignored");
      expect(row.ticket_id).toBe(id);
    }
    expect((await ticketOf(id)).status).toBe("resolved");
    const mail = (
      await ctx.as("agent")({ url: `/api/tickets/${id}/mail` })
    ).json();
    expect(mail.automatic).toHaveLength(automatic.length);
    expect(mail.automatic[0].reason).toContain("Auto-Submitted");

    const human = await deliver(
      await rawMail({ ...reply, text: "Still broken." }),
    );
    expect(human.ticket_id).toBe(id);
    expect((await ticketOf(id)).status).toBe("open");
    // Mail to the sender: the acknowledgement and the "resolved" notice, no answer to any automatic mail.
    const kinds = await query<{ kind: string }>(
      "SELECT o.kind FROM outbound_emails o JOIN users u ON u.id = o.recipient_id WHERE u.email = 'loop@customer.test' ORDER BY o.id",
    );
    expect(kinds.map((k) => k.kind)).toEqual(["acknowledgement", "resolved"]);
  });

  it("acknowledges at most three new tickets per sender a day", async () => {
    for (let i = 0; i < 5; i++)
      await deliver(
        await rawMail({ subject: `Flood ${i}`, from: "flood@customer.test" }),
      );
    const acks = await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbound_emails o JOIN users u ON u.id = o.recipient_id WHERE u.email = 'flood@customer.test'",
    );
    expect(acks[0]!.n).toBe(3);
    await expect.poll(() => mailTo("flood@customer.test").length, POLL).toBe(3);
  });

  it("keeps the reply apart from the quoted history and sanitises HTML at intake", async () => {
    const row = await deliver(
      await rawMail({
        from: "quote@customer.test",
        text: "Yes, that fixed it.\n\nOn Mon, 1 Jan 2024 at 10:00, Desk <support@desk.test> wrote:\n> Please restart the router.\n> Then try again.\n",
        html: '<p>Yes, that fixed it.</p><script>alert(1)</script><img src="https://tracker.test/x.gif" onerror="alert(2)"><a href="javascript:alert(3)">x</a>',
      }),
    );
    const [stored] = await query<{ quoted_text: string; safe_html: string }>(
      "SELECT quoted_text, safe_html FROM inbound_emails WHERE ticket_id = $1",
      [row.ticket_id],
    );
    expect((await ticketOf(row.ticket_id!)).description).toBe(
      "Yes, that fixed it.",
    );
    expect(stored!.quoted_text).toContain("Please restart the router.");
    expect(stored!.safe_html).toContain("<p>Yes, that fixed it.</p>");
    expect(stored!.safe_html).not.toMatch(/script|onerror|javascript:|<img/i);
  });

  it("stores attachments within the size limit, lists them, and lets only those who see the ticket download them", async () => {
    const row = await deliver(
      await rawMail({
        from: `${ctx.people.requester.user.email}`,
        text: "Files attached",
        attachments: [
          { filename: "notes.txt", content: "small file" },
          { filename: "big.bin", content: Buffer.alloc(5000, 7) },
        ],
      }),
    );
    const id = row.ticket_id!;
    const mail = (
      await ctx.as("requester")({ url: `/api/tickets/${id}/mail` })
    ).json();
    expect(mail.attachments).toEqual([
      expect.objectContaining({
        filename: "notes.txt",
        size: 10,
        stored: true,
      }),
      expect.objectContaining({
        filename: "big.bin",
        size: 5000,
        stored: false,
      }),
    ]);
    const [small, big] = mail.attachments;
    const download = await ctx.as("requester")({
      url: `/api/tickets/${id}/attachments/${small.id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe("small file");
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    expect(download.headers["content-disposition"]).toContain("attachment");
    expect(
      (
        await ctx.as("other")({
          url: `/api/tickets/${id}/attachments/${small.id}`,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await ctx.as("agent")({
          url: `/api/tickets/${id}/attachments/${big.id}`,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("refuses a wrong token, a JSON body and an empty message", async () => {
    expect((await post("x", "wrong-token-wrong-token-00")).statusCode).toBe(
      401,
    );
    const json = await ctx.as(null)({
      method: "POST",
      url: "/api/inbound/email",
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { raw: "x" },
    });
    expect(json.statusCode).toBe(415);
    const empty = await post(Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields.body).toBeDefined();
  });
});

describe.each(DB_KINDS)("INBOUND_SENDERS=known on %s", (kind) => {
  const ctx = useTestApp(kind, {
    config: {
      mail: {
        from: FROM,
        baseUrl: "https://desk.test",
        inboundToken: TOKEN,
        inboundSenders: "known",
        inboundPollMs: 100,
      },
    },
  });

  it("keeps mail from an unknown address without opening a ticket or making a person; a known person's mail opens one", async () => {
    const send = async (from: string) =>
      deliverInbound(
        ctx,
        TOKEN,
        await rawMail({ from, subject: `From ${from}` }),
      );
    expect(await send("stranger@unknown.test")).toMatchObject({
      status: "ignored",
      reason: expect.stringContaining("unknown sender"),
    });
    const [people] = await ctx.database.session((s) =>
      s.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM users WHERE email = 'stranger@unknown.test'",
      ),
    );
    expect(people!.n).toBe(0);
    expect(await send(ctx.people.requester.user.email)).toMatchObject({
      status: "processed",
    });
  });
});
