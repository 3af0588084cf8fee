/** E-mail: the settings row and signing key, the outbox worker when SMTP is configured, the routes. */
import { randomBytes } from "node:crypto";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Database, Db } from "../db/client.js";
import { outboxRepo, prepareMailSettings } from "./outbox-repo.js";
import { mailRoutes } from "./routes.js";
import { ticketMailRepo } from "./ticket-mail-repo.js";
import { mailTokens, type MailIdentity } from "./tokens.js";
import { smtpTransport, type MailTransport } from "./transport.js";
import { startOutboxWorker, type OutboxOptions } from "./worker.js";

export type MailConfig = {
  smtpUrl?: string;
  from?: MailIdentity;
  /** Where links in mail point: PUBLIC_URL, or this host's port. */
  baseUrl: string;
  outbox?: Partial<OutboxOptions>;
};

type Deps = {
  db: Db;
  listen: Database["listen"];
  mail: MailConfig;
  log: FastifyBaseLogger;
};

export async function registerMail(app: FastifyInstance, deps: Deps) {
  const { mail, db, log } = deps;
  const from = mail.from;
  const smtpUrl = from && mail.smtpUrl;
  const key = await prepareMailSettings(db, Boolean(smtpUrl));
  const tokens = from && mailTokens(key, from);
  const outbox = outboxRepo(db);
  let transport: MailTransport | undefined;
  if (smtpUrl && tokens) {
    transport = smtpTransport(smtpUrl);
    const worker = startOutboxWorker({
      database: { db, listen: deps.listen },
      transport,
      tokens,
      from,
      baseUrl: mail.baseUrl,
      log,
      options: mail.outbox,
    });
    app.addHook("onClose", () => worker.close());
  }
  mailRoutes(app, {
    outbox,
    ticketMail: ticketMailRepo(db, outbox),
    settings: {
      outbound: {
        enabled: Boolean(smtpUrl),
        smtp: smtpUrl ? withoutCredentials(smtpUrl) : null,
        from: from ? formatMailbox(from) : null,
        reply_to_example: tokens ? tokens.replyAddress(123) : null,
      },
      public_url: mail.baseUrl,
    },
    sendTest:
      transport &&
      tokens &&
      (async (to) => {
        const messageId = `<td.test.${randomBytes(8).toString("hex")}@${tokens.domain}>`;
        await transport.sendMail({
          from,
          to,
          subject: "Ticketdesk test mail",
          text: `This is a test mail from ${formatMailbox(from!)}.\nMail from the desk reaches this address.\n\n${mail.baseUrl}\n`,
          messageId,
          headers: { "Auto-Submitted": "auto-generated" },
        });
        return { message_id: messageId };
      }),
  });
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}

function formatMailbox({ name, address }: MailIdentity): string {
  return name ? `${name} <${address}>` : address;
}
