import { and, asc, eq } from "drizzle-orm";
import type { TicketMail } from "../../contract/mail.js";
import type { Db } from "../db/client.js";
import { emailAttachments, inboundEmails, tickets } from "../db/schema.js";
import type { Actor } from "../http/route.js";
import { visibleTo } from "../tickets/sql.js";
import { toDelivery } from "./deliveries.js";
import type { OutboxRepo } from "./outbox-repo.js";

export function ticketMailRepo(db: Db, outbox: OutboxRepo) {
  const visible = async (ticketId: number, actor: Actor) =>
    (
      await db
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.id, ticketId), visibleTo(actor)))
    ).length > 0;

  return {
    /** Undefined when the ticket is not there for `actor`; a requester sees only mail to them, without errors. */
    async get(ticketId: number, actor: Actor): Promise<TicketMail | undefined> {
      if (!(await visible(ticketId, actor))) return undefined;
      const requester = actor.user.role === "requester";
      const deliveries = (await outbox.byTicket(ticketId))
        .filter((row) => !requester || row.recipient.id === actor.user.id)
        .map(toDelivery)
        .map((delivery) =>
          requester ? { ...delivery, error: null } : delivery,
        );
      const received = await db
        .select({
          id: inboundEmails.id,
          status: inboundEmails.status,
          messageId: inboundEmails.messageId,
          opened: inboundEmails.openedTicket,
          sender: inboundEmails.sender,
          subject: inboundEmails.subject,
          reason: inboundEmails.reason,
          receivedAt: inboundEmails.receivedAt,
        })
        .from(inboundEmails)
        .where(eq(inboundEmails.ticketId, ticketId))
        .orderBy(asc(inboundEmails.id));
      const files = await db
        .select({
          id: emailAttachments.id,
          messageId: emailAttachments.messageId,
          filename: emailAttachments.filename,
          contentType: emailAttachments.contentType,
          size: emailAttachments.size,
          inboundId: emailAttachments.inboundEmailId,
          stored: emailAttachments.content,
        })
        .from(emailAttachments)
        .where(eq(emailAttachments.ticketId, ticketId))
        .orderBy(asc(emailAttachments.id));
      return {
        inbound: received
          .filter((mail) => mail.status === "processed")
          .map((mail) => ({
            message_id: mail.opened ? null : mail.messageId,
            from: mail.sender ?? "",
            received_at: mail.receivedAt.toISOString(),
          })),
        automatic: requester
          ? []
          : received
              .filter((mail) => mail.status === "ignored")
              .map((mail) => ({
                id: mail.id,
                from: mail.sender,
                subject: mail.subject,
                reason: mail.reason,
                received_at: mail.receivedAt.toISOString(),
              })),
        attachments: files.map((file) => ({
          id: file.id,
          message_id: file.messageId,
          filename: file.filename,
          content_type: file.contentType,
          size: file.size,
          stored: file.stored !== null,
        })),
        deliveries,
      };
    },

    /** A stored file of a ticket `actor` may see. */
    async attachment(ticketId: number, attachmentId: number, actor: Actor) {
      if (!(await visible(ticketId, actor))) return undefined;
      const [file] = await db
        .select({
          filename: emailAttachments.filename,
          content: emailAttachments.content,
        })
        .from(emailAttachments)
        .where(
          and(
            eq(emailAttachments.id, attachmentId),
            eq(emailAttachments.ticketId, ticketId),
          ),
        );
      return file?.content
        ? { filename: file.filename, content: file.content }
        : undefined;
    },
  };
}

export type TicketMailRepo = ReturnType<typeof ticketMailRepo>;
