import { randomBytes } from "node:crypto";
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNull,
  like,
  lt,
  lte,
  notExists,
  or,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import {
  inboundEmails,
  mailSettings,
  messages,
  outboundEmails,
  tickets,
  users,
} from "../db/schema.js";

const earlier = alias(outboundEmails, "earlier");
const recipient = alias(users, "recipient");
const actor = alias(users, "actor");

/** Makes the settings row once (with a new signing key) and records whether this desk sends mail. */
export async function prepareMailSettings(
  db: Db,
  outboundEnabled: boolean,
): Promise<string> {
  await db
    .insert(mailSettings)
    .values({ outboundEnabled, signingKey: randomBytes(32).toString("hex") })
    .onConflictDoUpdate({
      target: mailSettings.singleton,
      set: { outboundEnabled },
    });
  const [row] = await db
    .select({ key: mailSettings.signingKey })
    .from(mailSettings);
  return row!.key;
}

export type Claimed = Awaited<
  ReturnType<ReturnType<typeof outboxRepo>["claim"]>
>[number];

export function outboxRepo(db: Db) {
  return {
    /**
     * Takes up to `limit` due mails for this worker until `leaseMs` from now. Mail to one person goes
     * out in order: a mail waits while an earlier one to the same person is pending (in flight, or
     * waiting for a retry). SKIP LOCKED lets several processes claim at once without taking the same row.
     */
    async claim(limit: number, leaseMs: number) {
      const due = db
        .select({ id: outboundEmails.id })
        .from(outboundEmails)
        .where(
          and(
            eq(outboundEmails.status, "pending"),
            lte(outboundEmails.nextAttemptAt, sql`now()`),
            or(
              isNull(outboundEmails.lockedUntil),
              lt(outboundEmails.lockedUntil, sql`now()`),
            ),
            notExists(
              db
                .select({ one: sql`1` })
                .from(earlier)
                .where(
                  and(
                    eq(earlier.recipientId, outboundEmails.recipientId),
                    eq(earlier.status, "pending"),
                    lt(earlier.id, outboundEmails.id),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(outboundEmails.id))
        .limit(limit)
        .for("update", { skipLocked: true });
      const claimed = await db
        .update(outboundEmails)
        .set({
          lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
          attempts: sql`${outboundEmails.attempts} + 1`,
        })
        .where(inArray(outboundEmails.id, due))
        .returning({ id: outboundEmails.id });
      if (claimed.length === 0) return [];
      const rows = await db
        .select({
          mail: outboundEmails,
          ticket: { id: tickets.id, title: tickets.title },
          recipient: {
            id: recipient.id,
            name: recipient.name,
            email: recipient.email,
            disabled: sql<boolean>`${recipient.disabledAt} IS NOT NULL`,
          },
          actorName: actor.name,
          body: messages.body,
        })
        .from(outboundEmails)
        .innerJoin(tickets, eq(tickets.id, outboundEmails.ticketId))
        .innerJoin(recipient, eq(recipient.id, outboundEmails.recipientId))
        .leftJoin(actor, eq(actor.id, outboundEmails.actorId))
        .leftJoin(messages, eq(messages.id, outboundEmails.messageId))
        .where(
          inArray(
            outboundEmails.id,
            claimed.map((row) => row.id),
          ),
        )
        .orderBy(asc(outboundEmails.id));
      return rows;
    },

    /**
     * The Message-IDs of the thread so far, oldest first: mail we sent this person on this ticket
     * before this one, and mail that came in on the ticket.
     */
    async thread(ticketId: number, recipientId: number, beforeId: number) {
      const sent = await db
        .select({
          id: outboundEmails.headerMessageId,
          at: outboundEmails.sentAt,
        })
        .from(outboundEmails)
        .where(
          and(
            eq(outboundEmails.ticketId, ticketId),
            eq(outboundEmails.recipientId, recipientId),
            eq(outboundEmails.status, "sent"),
            lt(outboundEmails.id, beforeId),
          ),
        );
      const received = await db
        .select({ id: inboundEmails.dedupeKey, at: inboundEmails.receivedAt })
        .from(inboundEmails)
        .where(
          and(
            eq(inboundEmails.ticketId, ticketId),
            eq(inboundEmails.status, "processed"),
            like(inboundEmails.dedupeKey, "<%"),
          ),
        );
      return [...sent, ...received]
        .filter((row): row is { id: string; at: Date } => !!row.id && !!row.at)
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map((row) => row.id);
    },

    async sent(id: number, headerMessageId: string) {
      await db
        .update(outboundEmails)
        .set({
          status: "sent",
          sentAt: sql`now()`,
          headerMessageId,
          lockedUntil: null,
          lastError: null,
        })
        .where(eq(outboundEmails.id, id));
    },

    /** Another try after `delayMs`, or, with `delayMs` undefined, given up. */
    async failed(id: number, error: string, delayMs: number | undefined) {
      await db
        .update(outboundEmails)
        .set({
          lastError: error.slice(0, 1000),
          lockedUntil: null,
          ...(delayMs === undefined
            ? { status: "failed" as const }
            : {
                nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
              }),
        })
        .where(eq(outboundEmails.id, id));
    },

    /** The soonest time a pending mail becomes due, for the worker's sleep. */
    async nextDue(): Promise<Date | undefined> {
      const [row] = await db
        .select({
          at: sql<
            Date | string | null
          >`min(greatest(${outboundEmails.nextAttemptAt}, coalesce(${outboundEmails.lockedUntil}, ${outboundEmails.nextAttemptAt})))`,
        })
        .from(outboundEmails)
        .where(eq(outboundEmails.status, "pending"));
      return row?.at ? new Date(row.at) : undefined;
    },

    byTicket: (ticketId: number) =>
      db
        .select({ mail: outboundEmails, recipient: recipientColumns })
        .from(outboundEmails)
        .innerJoin(recipient, eq(recipient.id, outboundEmails.recipientId))
        .where(eq(outboundEmails.ticketId, ticketId))
        .orderBy(asc(outboundEmails.id)),

    list: (status: "pending" | "sent" | "failed", limit: number) =>
      db
        .select({ mail: outboundEmails, recipient: recipientColumns })
        .from(outboundEmails)
        .innerJoin(recipient, eq(recipient.id, outboundEmails.recipientId))
        .where(eq(outboundEmails.status, status))
        .orderBy(desc(outboundEmails.id))
        .limit(limit),

    /** A failed mail goes back in the queue, due now, with a fresh count of attempts. */
    async retry(id: number) {
      const [row] = await db
        .update(outboundEmails)
        .set({
          status: "pending",
          attempts: 0,
          nextAttemptAt: sql`now()`,
          lockedUntil: null,
        })
        .where(
          and(eq(outboundEmails.id, id), eq(outboundEmails.status, "failed")),
        )
        .returning({ id: outboundEmails.id });
      if (!row) return undefined;
      const [found] = await db
        .select({ mail: outboundEmails, recipient: recipientColumns })
        .from(outboundEmails)
        .innerJoin(recipient, eq(recipient.id, outboundEmails.recipientId))
        .where(eq(outboundEmails.id, id));
      return found;
    },
  };
}

const recipientColumns = {
  id: recipient.id,
  name: recipient.name,
  email: recipient.email,
};

export type OutboxRepo = ReturnType<typeof outboxRepo>;
