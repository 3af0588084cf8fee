/**
 * Which ticket a mail belongs to, in DESIGN.md's order: our signed token in In-Reply-To/References →
 * any Message-ID we know → the signed plus-address in To/Cc → `[#123]` in the subject, only from
 * someone who already belongs to that ticket (so a stranger cannot write into another's ticket by
 * typing its number) → none: a new ticket.
 */
import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  inboundEmails,
  messages,
  outboundEmails,
  tickets,
  users,
} from "../../db/schema.js";
import type { MailTokens } from "../tokens.js";
import type { InboundMail } from "./parse.js";

export type Thread = { ticketId: number; by: string } | undefined;

export async function findThread(
  tx: Db,
  mail: InboundMail,
  tokens: MailTokens,
  senderId: number | undefined,
): Promise<Thread> {
  const exists = async (id: number | undefined) =>
    id !== undefined &&
    (
      await tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(eq(tickets.id, id))
    ).length > 0;

  for (const id of mail.threadIds) {
    const ticketId = tokens.ticketOfMessageId(id);
    if (await exists(ticketId))
      return { ticketId: ticketId!, by: "our Message-ID" };
  }

  if (mail.threadIds.length > 0) {
    const known = [
      ...(await tx
        .select({
          key: inboundEmails.dedupeKey,
          ticketId: inboundEmails.ticketId,
        })
        .from(inboundEmails)
        .where(
          and(
            inArray(inboundEmails.dedupeKey, mail.threadIds),
            isNotNull(inboundEmails.ticketId),
          ),
        )),
      ...(await tx
        .select({
          key: outboundEmails.headerMessageId,
          ticketId: outboundEmails.ticketId,
        })
        .from(outboundEmails)
        .where(inArray(outboundEmails.headerMessageId, mail.threadIds))),
    ];
    for (const id of mail.threadIds) {
      const found = known.find((k) => k.key === id);
      if (found?.ticketId)
        return { ticketId: found.ticketId, by: "a known Message-ID" };
    }
  }

  for (const address of mail.recipients) {
    const ticketId = tokens.ticketOfAddress(address);
    if (await exists(ticketId))
      return { ticketId: ticketId!, by: "the plus-address" };
  }

  const number = /\[#(\d{1,15})\]/.exec(mail.subject)?.[1];
  if (number && senderId !== undefined) {
    const ticketId = Number(number);
    const [belongs] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          eq(tickets.id, ticketId),
          or(
            eq(tickets.requesterId, senderId),
            eq(tickets.assigneeId, senderId),
            sql`EXISTS (SELECT FROM ${messages} WHERE ${messages.ticketId} = ${tickets.id} AND ${messages.authorId} = ${senderId})`,
            sql`EXISTS (SELECT FROM ${users} WHERE ${users.id} = ${senderId} AND ${users.role} IN ('agent', 'admin'))`,
          ),
        ),
      );
    if (belongs) return { ticketId, by: "[#n] in the subject" };
  }
  return undefined;
}
