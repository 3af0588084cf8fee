/**
 * Turns one stored message into a ticket or a message on one, in one transaction with its attachments,
 * its history rows and its status: processed once, whatever crashes or runs beside it.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import {
  SUGGESTION_THRESHOLD,
  type ClassifyRequest,
  type ClassifyResponse,
} from "../../../contract/classify.js";
import { hasVisibleText } from "../../../contract/text.js";
import type { Category, Priority } from "../../../contract/tickets.js";
import { MESSAGE_MAX } from "../../../contract/messages.js";
import { REOPENING, reopenTicket } from "../../conversations/repo.js";
import type { Db } from "../../db/client.js";
import {
  emailAttachments,
  inboundEmails,
  mailSettings,
  messages,
  outboundEmails,
  ticketEvents,
  tickets,
  users,
  type InboundStatus,
} from "../../db/schema.js";
import type { MailTokens } from "../tokens.js";
import { parseInbound, type InboundMail } from "./parse.js";
import { findThread } from "./thread.js";

export type InboundSettings = {
  tokens: MailTokens;
  senders: "anyone" | "known";
  attachmentMaxBytes: number;
  /** Acknowledgements one address gets at most per 24 hours. */
  ackLimit: number;
  /** The desk's triage: a new ticket by mail gets its confident suggestions. */
  classify?: (input: ClassifyRequest) => Promise<ClassifyResponse>;
};

export const ACK_LIMIT = 3;
const TITLE_MAX = 200;

type Outcome = {
  status: Exclude<InboundStatus, "pending">;
  reason?: string;
  ticketId?: number;
  messageId?: number;
  openedTicket?: boolean;
};

export async function processInbound(
  db: Db,
  settings: InboundSettings,
  row: { id: number; raw: Buffer },
): Promise<Outcome | undefined> {
  const mail = await parseInbound(row.raw, settings.tokens);
  return db.transaction(async (tx) => {
    // Only a pending row is processed; a process that finds it done (by another) leaves it be.
    const [current] = await tx
      .select({ status: inboundEmails.status })
      .from(inboundEmails)
      .where(eq(inboundEmails.id, row.id))
      .for("update");
    if (current?.status !== "pending") return undefined;
    const outcome = await decide(tx, settings, mail);
    await tx
      .update(inboundEmails)
      .set({
        status: outcome.status,
        reason: outcome.reason ?? null,
        processedAt: sql`now()`,
        lockedUntil: null,
        ticketId: outcome.ticketId ?? null,
        messageId: outcome.messageId ?? null,
        openedTicket: outcome.openedTicket ?? false,
        sender: mail.from?.address.slice(0, 254) ?? null,
        subject: mail.subject.slice(0, 1000),
        quotedText: mail.quoted.slice(0, MESSAGE_MAX) || null,
        safeHtml: mail.safeHtml ?? null,
      })
      .where(eq(inboundEmails.id, row.id));
    if (outcome.status === "processed")
      await storeAttachments(tx, settings, row.id, mail, outcome);
    return outcome;
  });
}

async function decide(
  tx: Db,
  settings: InboundSettings,
  mail: InboundMail,
): Promise<Outcome> {
  if (!mail.from) return { status: "ignored", reason: "no sender address" };
  let [sender] = await tx
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, mail.from.address));
  const thread = await findThread(tx, mail, settings.tokens, sender?.id);
  // Kept (on its ticket when it has one), never answered, never reopening anything.
  if (mail.automatic)
    return {
      status: "ignored",
      reason: mail.automatic,
      ticketId: thread?.ticketId,
    };
  if (!sender) {
    if (settings.senders === "known")
      return {
        status: "ignored",
        reason: "unknown sender (INBOUND_SENDERS=known)",
      };
    [sender] = await tx
      .insert(users)
      .values({
        email: mail.from.address,
        name: mail.from.name ?? mail.from.address.split("@")[0]!,
        role: "requester",
      })
      .returning();
  }
  if (sender!.disabledAt)
    return { status: "ignored", reason: "the sender is disabled" };
  const author = sender!;
  const body = bodyOf(mail);
  if (thread) {
    const messageId = await addMessage(tx, thread.ticketId, author, body);
    return {
      status: "processed",
      reason: `joined by ${thread.by}`,
      ticketId: thread.ticketId,
      messageId,
    };
  }
  const ticketId = await openTicket(
    tx,
    mail,
    author.id,
    body,
    await triage(settings.classify, mail.subject, body),
  );
  await acknowledge(tx, settings, ticketId, author.id);
  return { status: "processed", ticketId, openedTicket: true };
}

function bodyOf(mail: InboundMail): string {
  if (hasVisibleText(mail.reply)) return mail.reply.slice(0, MESSAGE_MAX);
  return mail.attachments.length > 0
    ? "(no text: see the attachments)"
    : "(no text)";
}

async function addMessage(
  tx: Db,
  ticketId: number,
  author: typeof users.$inferSelect,
  body: string,
): Promise<number> {
  const [ticket] = await tx
    .select({ status: tickets.status, requesterId: tickets.requesterId })
    .from(tickets)
    .where(eq(tickets.id, ticketId))
    .for("update");
  const [message] = await tx
    .insert(messages)
    .values({ ticketId, authorId: author.id, body })
    .returning({ id: messages.id });
  await tx.insert(ticketEvents).values({
    ticketId,
    actorKind: "user",
    actorId: author.id,
    kind: "message",
    messageId: message!.id,
  });
  const reopen =
    ticket!.requesterId === author.id && REOPENING.includes(ticket!.status);
  if (reopen) await reopenTicket(tx, ticketId, ticket!.status);
  else
    await tx
      .update(tickets)
      .set({ updatedAt: sql`now()` })
      .where(eq(tickets.id, ticketId));
  return message!.id;
}

type Triage = { category: Category; priority: Priority };
const UNTRIAGED: Triage = { category: "general", priority: "medium" };

/**
 * What the form would fill in: each suggestion confident enough, else the neutral value an agent
 * triages. A classifier that fails (an LLM-only desk without a key) leaves the neutral values.
 */
async function triage(
  classify: InboundSettings["classify"],
  title: string,
  description: string,
): Promise<Triage> {
  if (!classify) return UNTRIAGED;
  try {
    const answer = await classify({
      title: title.slice(0, TITLE_MAX),
      description,
    });
    const sure = (field: keyof ClassifyResponse["confidence"]) =>
      answer.confidence[field] >= SUGGESTION_THRESHOLD;
    return {
      category: sure("category")
        ? answer.suggested_category
        : UNTRIAGED.category,
      priority: sure("priority")
        ? answer.suggested_priority
        : UNTRIAGED.priority,
    };
  } catch {
    return UNTRIAGED;
  }
}

async function openTicket(
  tx: Db,
  mail: InboundMail,
  requesterId: number,
  body: string,
  { category, priority }: Triage,
): Promise<number> {
  const subject = mail.subject.slice(0, TITLE_MAX);
  const [ticket] = await tx
    .insert(tickets)
    .values({
      title: hasVisibleText(subject) ? subject : "(no subject)",
      description: body,
      category,
      priority,
      requesterId,
    })
    .returning({ id: tickets.id });
  await tx.insert(ticketEvents).values({
    ticketId: ticket!.id,
    actorKind: "user",
    actorId: requesterId,
    kind: "created",
  });
  return ticket!.id;
}

/** "We have your message", unless this address had `ackLimit` of them in the last 24 hours. */
async function acknowledge(
  tx: Db,
  settings: InboundSettings,
  ticketId: number,
  recipientId: number,
): Promise<void> {
  const [on] = await tx
    .select({ enabled: mailSettings.outboundEnabled })
    .from(mailSettings);
  if (!on?.enabled) return;
  const [{ sent } = { sent: 0 }] = await tx
    .select({ sent: sql<number>`count(*)::int` })
    .from(outboundEmails)
    .where(
      and(
        eq(outboundEmails.recipientId, recipientId),
        eq(outboundEmails.kind, "acknowledgement"),
        gt(outboundEmails.createdAt, sql`now() - interval '24 hours'`),
      ),
    );
  if (sent >= settings.ackLimit) return;
  await tx
    .insert(outboundEmails)
    .values({ ticketId, kind: "acknowledgement", recipientId });
}

async function storeAttachments(
  tx: Db,
  settings: InboundSettings,
  inboundId: number,
  mail: InboundMail,
  outcome: Outcome,
): Promise<void> {
  if (mail.attachments.length === 0) return;
  await tx.insert(emailAttachments).values(
    mail.attachments.map((file) => ({
      inboundEmailId: inboundId,
      ticketId: outcome.ticketId ?? null,
      messageId: outcome.messageId ?? null,
      filename: file.filename,
      contentType: file.contentType.slice(0, 255),
      size: file.content.length,
      content:
        file.content.length <= settings.attachmentMaxBytes
          ? file.content
          : null,
    })),
  );
}
