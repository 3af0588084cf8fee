import { desc, gt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { tickets } from "../db/schema.js";
import type { Labelled } from "./local-model.js";

/** At most this many of the most recently worked tickets are learned from: 100,000 train in about half a minute. */
export const TRAINING_LIMIT = 100_000;

/**
 * A ticket's labels are trusted once someone has worked on it: its status left "open", or it was
 * changed after creation (a category or priority corrected, or kept while something else changed).
 * Decision record 007 gives the reasons; once ticket_events records who changed what, this becomes
 * "set or kept by an agent" from those events.
 */
const trusted: SQL = or(
  ne(tickets.status, "open"),
  gt(tickets.updatedAt, tickets.createdAt),
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

/** Changes whenever a trusted label is added or changed: the cue to train again. */
export async function labelsVersion(db: Db): Promise<string> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      latest: sql<string | null>`max(${tickets.updatedAt})::text`,
    })
    .from(tickets)
    .where(trusted);
  return `${row?.count ?? 0}@${row?.latest ?? ""}`;
}
