/**
 * The outbox worker that runs in every app process: claims due mail (several processes never take
 * the same row), writes and sends it, and records the outcome. A failed try is retried with
 * exponential backoff; a permanent refusal (SMTP 5xx) or the last try marks the mail failed, which
 * the ticket and the admins' list show. See decision record 011.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../db/client.js";
import { outboxRepo, type Claimed } from "./outbox-repo.js";
import { startQueueLoop } from "./queue-loop.js";
import { render } from "./templates.js";
import type { MailIdentity, MailTokens } from "./tokens.js";
import type { MailTransport } from "./transport.js";

export type OutboxOptions = {
  batchSize: number;
  /** The longest sleep between looks at the queue (NOTIFY wakes the worker sooner). */
  pollMs: number;
  /** How long a claim holds before another worker may take the mail (a crashed process's mail). */
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
};

export const DEFAULT_OUTBOX: OutboxOptions = {
  batchSize: 20,
  pollMs: 5000,
  leaseMs: 120_000,
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
};

type Deps = {
  database: Pick<Database, "db" | "listen">;
  transport: MailTransport;
  tokens: MailTokens;
  from: MailIdentity;
  baseUrl: string;
  log: FastifyBaseLogger;
  options?: Partial<OutboxOptions>;
};

/** The delay before try `attempt + 1`: base × 2^(attempt-1), capped. */
export function backoff(attempt: number, options: OutboxOptions): number {
  return Math.min(
    options.retryBaseMs * 2 ** Math.max(0, attempt - 1),
    options.retryMaxMs,
  );
}

export function startOutboxWorker(deps: Deps) {
  const options = { ...DEFAULT_OUTBOX, ...deps.options };
  const repo = outboxRepo(deps.database.db);
  const { log, tokens, from } = deps;
  const deskName = from.name ?? "Support";
  async function deliver(row: Claimed): Promise<void> {
    const { mail, ticket } = row;
    if (row.recipient.disabled) {
      await repo.failed(mail.id, "The recipient is disabled", undefined);
      return;
    }
    const messageId = tokens.messageId(mail.id, ticket.id);
    const thread = await repo.thread(ticket.id, row.recipient.id, mail.id);
    const content = render(
      {
        kind: mail.kind,
        ticket,
        recipientName: row.recipient.name,
        actorName: row.actorName,
        body: row.body,
        deskName,
        ticketUrl: `${deps.baseUrl}/tickets/${ticket.id}`,
      },
      thread.length > 0,
    );
    const automatic = mail.kind !== "reply";
    try {
      await deps.transport.sendMail({
        from,
        to: { name: row.recipient.name, address: row.recipient.email },
        replyTo: tokens.replyAddress(ticket.id),
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId,
        ...(thread.length > 0 && {
          inReplyTo: thread.at(-1),
          // The thread's first mail and the latest few: enough for every client to join them.
          references: [...new Set([thread[0]!, ...thread.slice(-9)])].join(" "),
        }),
        headers: automatic
          ? {
              "Auto-Submitted": "auto-generated",
              "X-Auto-Response-Suppress": "All",
            }
          : {},
      });
      await repo.sent(mail.id, messageId);
      log.info(
        { mail: mail.id, ticket: ticket.id, kind: mail.kind },
        "mail sent",
      );
    } catch (error) {
      const { message, permanent } = describeFailure(error);
      const last = permanent || mail.attempts >= options.maxAttempts;
      await repo.failed(
        mail.id,
        message,
        last ? undefined : backoff(mail.attempts, options),
      );
      log.warn(
        {
          mail: mail.id,
          ticket: ticket.id,
          attempt: mail.attempts,
          error: message,
        },
        last ? "mail failed for good" : "mail failed; will retry",
      );
    }
  }

  const loop = startQueueLoop({
    channel: "outbound_emails",
    listen: deps.database.listen,
    pollMs: options.pollMs,
    nextDue: () => repo.nextDue(),
    log,
    async round() {
      const claimed = await repo.claim(options.batchSize, options.leaseMs);
      await Promise.all(claimed.map(deliver));
      return claimed.length;
    },
  });
  return {
    /** Looks at the queue now (after a change this process made). */
    poke: loop.poke,
    async close(): Promise<void> {
      await loop.close();
      deps.transport.close();
    },
  };
}

export type OutboxWorker = ReturnType<typeof startOutboxWorker>;

/** SMTP 5xx is a refusal that repeating will not change; anything else (down, 4xx, timeout) may pass. */
function describeFailure(error: unknown): {
  message: string;
  permanent: boolean;
} {
  type SmtpError = {
    responseCode?: number;
    response?: string;
    message?: string;
  };
  // A refused recipient is reported in rejectedErrors, the envelope error itself has no code.
  const outer = error as SmtpError & { rejectedErrors?: SmtpError[] };
  const smtp = outer.rejectedErrors?.[0] ?? outer;
  const message = smtp.response ?? smtp.message ?? String(error);
  const permanent =
    typeof smtp.responseCode === "number" &&
    smtp.responseCode >= 500 &&
    smtp.responseCode < 600;
  return { message, permanent };
}
