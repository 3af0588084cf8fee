import { and, asc, eq, sql } from "drizzle-orm";
import type { CreateMessage, Message } from "../../contract/messages.js";
import type { Db } from "../db/client.js";
import { messages, ticketEvents, tickets, users } from "../db/schema.js";
import { byUser } from "../history/repo.js";
import { HttpError } from "../http/errors.js";
import type { Actor } from "../http/route.js";
import { visibleTo } from "../tickets/sql.js";

/** The automatic rule behind a status change, as the history names it. */
export const REOPEN_RULE = "reopened on the requester's reply";
export const REOPENING: readonly string[] = ["resolved", "closed"];

type NewMessage = { body: string; internal?: CreateMessage["internal"] };

export function conversationsRepo(db: Db) {
  const visibleTicket = (tx: Db, id: number, actor: Actor) =>
    tx
      .select({ status: tickets.status })
      .from(tickets)
      .where(and(eq(tickets.id, id), visibleTo(actor)));

  return {
    /** A ticket's messages, oldest first (a requester's without internal notes); undefined if not visible. */
    async list(ticketId: number, actor: Actor): Promise<Message[] | undefined> {
      const [ticket] = await visibleTicket(db, ticketId, actor);
      if (!ticket) return undefined;
      const rows = await db
        .select({
          message: messages,
          author: { id: users.id, name: users.name, role: users.role },
        })
        .from(messages)
        .innerJoin(users, eq(users.id, messages.authorId))
        .where(
          and(
            eq(messages.ticketId, ticketId),
            actor.user.role === "requester"
              ? eq(messages.internal, false)
              : undefined,
          ),
        )
        .orderBy(asc(messages.id));
      return rows.map(({ message, author }) => toMessage(message, author));
    },

    /**
     * Adds a message and its history row in one transaction. A requester's reply reopens a
     * resolved or closed ticket (an event by `system`); any public message touches the ticket, so
     * its updated_at is its last activity. Undefined if the ticket is not visible.
     */
    async post(
      ticketId: number,
      input: NewMessage,
      actor: Actor,
    ): Promise<Message | undefined> {
      const internal = input.internal ?? false;
      const byRequester = actor.user.role === "requester";
      if (internal && byRequester)
        throw new HttpError(403, "Only agents can write internal notes");
      return db.transaction(async (tx) => {
        const [ticket] = await visibleTicket(tx, ticketId, actor).for("update");
        if (!ticket) return undefined;
        const [message] = await tx
          .insert(messages)
          .values({
            ticketId,
            authorId: actor.user.id,
            body: input.body,
            internal,
          })
          .returning();
        await tx
          .insert(ticketEvents)
          .values(
            byUser(actor, [
              { ticketId, kind: "message", internal, messageId: message!.id },
            ]),
          );
        const reopen = byRequester && REOPENING.includes(ticket.status);
        if (reopen) await reopenTicket(tx, ticketId, ticket.status);
        else if (!internal)
          await tx
            .update(tickets)
            .set({ updatedAt: sql`now()` })
            .where(eq(tickets.id, ticketId));
        return toMessage(message!, actor.user);
      });
    },
  };
}

export type ConversationsRepo = ReturnType<typeof conversationsRepo>;

/** The reopen rule's change: the ticket open again, recorded as the desk's own event. */
export async function reopenTicket(tx: Db, ticketId: number, from: string) {
  await tx
    .update(tickets)
    .set({ status: "open" })
    .where(eq(tickets.id, ticketId));
  await tx.insert(ticketEvents).values({
    ticketId,
    actorKind: "system",
    actorName: REOPEN_RULE,
    kind: "changed",
    field: "status",
    fromValue: from,
    toValue: "open",
  });
}

function toMessage(
  row: typeof messages.$inferSelect,
  author: Message["author"],
): Message {
  return {
    id: row.id,
    ticket_id: row.ticketId,
    author: { id: author.id, name: author.name, role: author.role },
    body: row.body,
    internal: row.internal,
    created_at: row.createdAt.toISOString(),
  };
}
