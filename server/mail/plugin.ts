/** E-mail: the settings row and signing key, the outbox worker when SMTP is configured, the routes. */
import { randomBytes } from "node:crypto";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Database, Db } from "../db/client.js";
import { followMailbox, imapTarget, type ImapOptions } from "./inbound/imap.js";
import { ACK_LIMIT, type InboundSettings } from "./inbound/process.js";
import { startInboundProcessor } from "./inbound/processor.js";
import { inboundRoutes } from "./inbound/routes.js";
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
  imapUrls?: string[];
  inboundToken?: string;
  inboundSenders?: "anyone" | "known";
  attachmentMaxBytes?: number;
  /** For tests: how often the mailboxes and the inbound queue are looked at without a signal. */
  imap?: Partial<ImapOptions>;
  inboundPollMs?: number;
  ackLimit?: number;
};

type Deps = {
  db: Db;
  listen: Database["listen"];
  mail: MailConfig;
  log: FastifyBaseLogger;
  classify?: InboundSettings["classify"];
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
  const imapUrls = mail.imapUrls ?? [];
  const senders = mail.inboundSenders ?? "anyone";
  const attachmentMaxBytes = mail.attachmentMaxBytes ?? 10 * 1024 * 1024;
  const inboundOn = tokens && (imapUrls.length > 0 || mail.inboundToken);
  let poke = () => {};
  if (inboundOn) {
    const processor = startInboundProcessor({
      database: { db, listen: deps.listen },
      settings: {
        tokens,
        senders,
        attachmentMaxBytes,
        ackLimit: mail.ackLimit ?? ACK_LIMIT,
        classify: deps.classify,
      },
      log,
      pollMs: mail.inboundPollMs,
    });
    poke = processor.poke;
    const followers = imapUrls.map((url) =>
      followMailbox({ url, db, log, onStored: poke, options: mail.imap }),
    );
    app.addHook("onClose", async () => {
      await Promise.all(followers.map((follower) => follower.close()));
      await processor.close();
    });
  }
  const ticketMail = ticketMailRepo(db, outbox);
  inboundRoutes(app, {
    db,
    ticketMail,
    token: inboundOn ? mail.inboundToken : undefined,
    onStored: () => poke(),
  });
  mailRoutes(app, {
    outbox,
    ticketMail,
    settings: {
      outbound: {
        enabled: Boolean(smtpUrl),
        smtp: smtpUrl ? withoutCredentials(smtpUrl) : null,
        from: from ? formatMailbox(from) : null,
        reply_to_example: tokens ? tokens.replyAddress(123) : null,
      },
      inbound: {
        imap: imapUrls.map((url) => imapTarget(url).name),
        endpoint: Boolean(inboundOn && mail.inboundToken),
        senders,
        attachment_max_bytes: attachmentMaxBytes,
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
