import { and, desc, gt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { ticketEvents, tickets, users } from "../db/schema.js";
import type { Labelled } from "./local-model.js";

/** At most this many of the most recently changed trusted tickets are learned from: 100,000 train in about half a minute. */
export const TRAINING_LIMIT = 100_000;

/**
 * A ticket's labels are trusted when an agent or admin set or kept them: they created it (and so
 * chose its category and priority), changed its category or priority, or moved its status on
 * (working on it with both in view). Changes by `ai` or `system`, and a requester's own choices,
 * never count. Tickets from before the history existed (no events at all) keep the older rule:
 * someone worked on them. Decision record 007 gives the reasons.
 */
const setOrKeptByAgent: SQL = sql`EXISTS (
  SELECT 1 FROM ${ticketEvents} e JOIN ${users} u ON u.id = e.actor_id
  WHERE e.ticket_id = ${tickets.id} AND u.role IN ('agent', 'admin')
    AND (e.kind = 'created' OR (e.kind = 'changed' AND e.field IN ('category', 'priority', 'status')))
)`;
const beforeHistory: SQL = sql`NOT EXISTS (SELECT 1 FROM ${ticketEvents} e WHERE e.ticket_id = ${tickets.id})`;
const trusted: SQL = or(
  setOrKeptByAgent,
  and(
    beforeHistory,
    or(ne(tickets.status, "open"), gt(tickets.updatedAt, tickets.createdAt)),
  ),
)!;

export async function trustedLabels(db: Db): Promise<Labelled[]> {
  return db
    .select({
      title: tickets.title,
      description: tickets.description,
      category: tickets.category,
      priority: tickets.priority,
    })
    .from(tickets)
    .where(trusted)
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(TRAINING_LIMIT);
}

/**
 * Changes whenever a label may have: every creation and change writes an event in the same
 * transaction, so the newest event's id (an index lookup) is the cue to train again.
 */
export async function labelsVersion(db: Db): Promise<string> {
  const [row] = await db
    .select({ latest: sql<string | null>`max(${ticketEvents.id})::text` })
    .from(ticketEvents);
  return row?.latest ?? "none";
}
