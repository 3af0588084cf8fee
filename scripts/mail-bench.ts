/**
 * E-mail on this machine, against local servers only: a Dovecot on loopback (server/test/dovecot.ts)
 * and an in-process SMTP sink (server/test/smtp-sink.ts), on a fresh database (in-memory PGlite, or
 * a scratch PostgreSQL database with --postgres and TEST_DATABASE_URL).
 *
 *   --mails N    inbound: N mails waiting in the mailbox; the app starts and reads, stores and
 *                processes them all (mails/s from IMAP to ticket)
 *   --replies N  outbound: N agent replies, one every --gap ms; for each, the time from the API's
 *                201 (the outbox row is committed) to the mail's arrival in the SMTP sink
 *   --example    one customer → ticket → agent reply → customer reply round trip, with the headers
 */
import { parseArgs } from "node:util";
import { buildApp } from "../server/app.js";
import { credentialsRepo } from "../server/auth/credentials-repo.js";
import { usersRepo } from "../server/auth/users-repo.js";
import { disabledClassifier } from "../server/classify/classifier.js";
import { createLogger } from "../server/logger.js";
import { createTestDatabase } from "../server/test/databases.js";
import { startDovecot } from "../server/test/dovecot.js";
import { rawMail } from "../server/test/mail-builder.js";
import { startSmtpSink, type SinkMail } from "../server/test/smtp-sink.js";
import { positiveInteger } from "./cli.js";

const { values } = parseArgs({
  options: {
    mails: { type: "string", default: "500" },
    replies: { type: "string", default: "200" },
    gap: { type: "string", default: "20" },
    postgres: { type: "boolean", default: false },
    example: { type: "boolean", default: false },
  },
});
const mails = positiveInteger("mails", values.mails);
const replies = positiveInteger("replies", values.replies);
const gap = positiveInteger("gap", values.gap);

const dovecot = await startDovecot();
const sink = await startSmtpSink();
const database = await createTestDatabase(
  values.postgres ? "postgres" : "pglite",
);
const from = { name: "Example Support", address: "support@desk.example" };

async function start() {
  const app = await buildApp({
    config: {
      corsOrigins: [],
      staticDir: "/nonexistent",
      classifyRateLimit: 1000,
      signup: "closed",
      sessionTtlHours: 24,
      publicUrl: "https://desk.example",
      mail: {
        smtpUrl: sink.url,
        from,
        baseUrl: "https://desk.example",
        imapUrls: [dovecot.url],
      },
    },
    db: database.db,
    listen: database.listen,
    classifier: disabledClassifier,
    logger: createLogger("silent"),
  });
  await app.ready();
  return app;
}
const count = async (sqlText: string) =>
  (await database.session((s) => s.query<{ n: number }>(sqlText)))[0]!.n;
const until = async (check: () => Promise<boolean>, ms = 300_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((done) => setTimeout(done, 5));
  }
};
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const SHOWN = [
  "from",
  "to",
  "reply-to",
  "subject",
  "message-id",
  "in-reply-to",
  "references",
  "auto-submitted",
];
function headersOf(raw: string | Buffer): string {
  const head = raw
    .toString()
    .split(/\r?\n\r?\n/, 1)[0]!
    .replace(/\r?\n[ \t]+/g, " ");
  return head
    .split(/\r?\n/)
    .filter((line) =>
      SHOWN.includes(line.slice(0, line.indexOf(":")).toLowerCase()),
    )
    .map((line) => `    ${line}`)
    .join("\n");
}

/** One whole thread: a customer's mail, the agent's answer in the sink, the customer's reply to it. */
async function example(): Promise<void> {
  const app = await start();
  const agent = await usersRepo(database.db).create({
    email: "sam@desk.example",
    name: "Sam Agent",
    role: "agent",
  });
  const { token } = await credentialsRepo(database.db).createToken(
    agent.id,
    "example",
  );
  const first = await rawMail({
    from: "Carla Customer <carla@customer.example>",
    to: "Example Support <support@desk.example>",
    subject: "Printer prints blank pages",
    text: "Hello,\n\nsince this morning every page comes out blank.\n\nCarla",
    messageId: "<CAK7f3e9a1@mail.customer.example>",
  });
  await dovecot.append(first);
  await until(
    async () => (await count("SELECT count(*)::int AS n FROM tickets")) === 1,
  );
  const ticketId = await count("SELECT id::int AS n FROM tickets");
  await app.inject({
    method: "POST",
    url: `/api/tickets/${ticketId}/messages`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      body: "Hello Carla,\n\nplease replace the toner cartridge; the old one is empty.\n\nSam",
    },
  });
  await until(async () =>
    sink.received.some((m) => m.parsed.text?.includes("toner")),
  );
  const answer = sink.received.find((m) => m.parsed.text?.includes("toner"))!;
  const ack = sink.received.find((m) =>
    m.parsed.text?.includes("We have your message"),
  );
  const reply = await rawMail({
    from: "Carla Customer <carla@customer.example>",
    to: answer.parsed.replyTo!.text,
    subject: answer.parsed.subject!.startsWith("Re:")
      ? answer.parsed.subject
      : `Re: ${answer.parsed.subject}`,
    inReplyTo: answer.parsed.messageId,
    references: [
      ...(typeof answer.parsed.references === "string"
        ? [answer.parsed.references]
        : (answer.parsed.references ?? [])),
      answer.parsed.messageId!,
    ],
    text: `That worked, thank you!\n\nOn Wed, Sam Agent wrote:\n${answer.parsed
      .text!.split("\n")
      .map((l) => `> ${l}`)
      .join("\n")}`,
  });
  await dovecot.append(reply);
  await until(
    async () => (await count("SELECT count(*)::int AS n FROM messages")) === 2,
  );
  const conversation = await database.session((s) =>
    s.query<{ ticket_id: number; name: string; body: string }>(
      "SELECT m.ticket_id, u.name, m.body FROM messages m JOIN users u ON u.id = m.author_id ORDER BY m.id",
    ),
  );
  const ticket = (
    await database.session((s) =>
      s.query<{
        id: number;
        title: string;
        description: string;
        email: string;
      }>(
        "SELECT t.id, t.title, t.description, u.email FROM tickets t JOIN users u ON u.id = t.requester_id",
      ),
    )
  )[0]!;
  const out = [
    `1. The customer's mail, appended to the IMAP mailbox:\n${headersOf(first)}`,
    `   → ticket #${ticket.id} "${ticket.title}", requester ${ticket.email} (new, no password)`,
    ...(ack
      ? [
          `2. The acknowledgement in the customer's mailbox (SMTP sink):\n${headersOf(ack.raw)}`,
        ]
      : []),
    `3. The agent's reply in the customer's mailbox (SMTP sink):\n${headersOf(answer.raw)}`,
    `4. The customer's reply to it, appended to the IMAP mailbox:\n${headersOf(reply)}`,
    `   → on ticket #${conversation.at(-1)!.ticket_id}; the conversation:`,
    `     Carla Customer (the description): ${JSON.stringify(ticket.description)}`,
    ...conversation.map(
      (m) =>
        `     ${m.name} (ticket #${m.ticket_id}): ${JSON.stringify(m.body)}`,
    ),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  await app.close();
}

try {
  if (values.example) await example();
  else await bench();
} finally {
  await database.drop().catch(() => {});
  await sink.close();
  await dovecot.stop();
}

async function bench(): Promise<void> {
  process.stdout.write(`Database: ${database.kind}; Node ${process.version}\n`);
  // Inbound: the mailbox is full before the app starts.
  const batch: Buffer[] = [];
  for (let i = 0; i < mails; i++)
    batch.push(
      await rawMail({
        from: `Customer ${i % 50} <c${i % 50}@customer.example>`,
        subject: `Question ${i}`,
        text: `Hello,\n\nquestion number ${i}.\n\nThanks`,
      }),
    );
  for (let i = 0; i < batch.length; i += 100)
    await dovecot.append(...batch.slice(i, i + 100));
  const started = performance.now();
  const app = await start();
  await until(
    async () =>
      (await count(
        "SELECT count(*)::int AS n FROM inbound_emails WHERE status <> 'pending'",
      )) === mails,
  );
  const seconds = (performance.now() - started) / 1000;
  const tickets = await count("SELECT count(*)::int AS n FROM tickets");
  process.stdout.write(
    `Inbound: ${mails} mails read from IMAP, stored and processed into ${tickets} tickets in ` +
      `${seconds.toFixed(2)} s: ${(mails / seconds).toFixed(1)} mails/s\n`,
  );
  const [spans] = await database.session((s) =>
    s.query<{ stored: number; processed: number }>(
      `SELECT extract(epoch FROM max(received_at) - min(received_at))::float8 AS stored,
              extract(epoch FROM max(processed_at) - min(received_at))::float8 AS processed
         FROM inbound_emails`,
    ),
  );
  process.stdout.write(
    `  from the first mail stored: all stored after ${spans!.stored.toFixed(2)} s, all processed after ${spans!.processed.toFixed(2)} s\n`,
  );

  // Outbound: wait for the acknowledgements to drain first, then time the replies.
  await until(
    async () =>
      (await count(
        "SELECT count(*)::int AS n FROM outbound_emails WHERE status = 'pending'",
      )) === 0,
  );
  const agent = await usersRepo(database.db).create({
    email: "agent@desk.example",
    name: "Alan Agent",
    role: "agent",
  });
  const { token } = await credentialsRepo(database.db).createToken(
    agent.id,
    "bench",
  );
  const headers = { authorization: `Bearer ${token}` };
  const committed: { key: string; at: number }[] = [];
  const arrivedAt = new Map<string, number>();
  const onMail = sink.onMail((mail: SinkMail) => {
    const key = /Reply \d+/.exec(mail.parsed.text ?? "")?.[0];
    if (key) arrivedAt.set(key, mail.arrived);
  });
  for (let i = 0; i < replies; i++) {
    const key = `Reply ${i}`;
    const response = await app.inject({
      method: "POST",
      url: `/api/tickets/${(i % tickets) + 1}/messages`,
      headers,
      payload: { body: `${key}: we are on it.` },
    });
    if (response.statusCode !== 201) throw new Error(response.body);
    committed.push({ key, at: performance.now() });
    await new Promise((done) => setTimeout(done, gap));
  }
  await until(async () => arrivedAt.size === replies);
  onMail();
  const latencies = committed
    .map(({ key, at }) => arrivedAt.get(key)! - at)
    .sort((a, b) => a - b);
  process.stdout.write(
    `Outbound: ${replies} replies, one every ${gap} ms; commit → SMTP sink: median ` +
      `${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms, ` +
      `max ${latencies.at(-1)!.toFixed(1)} ms\n`,
  );
  await app.close();
}
