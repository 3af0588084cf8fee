import type { Session } from "./client.js";

export type Drift = {
  category: string;
  priority: string;
  status: string;
  kept: number;
  actual: number;
};

// Each combination whose kept count differs from a count of the tickets themselves.
const DRIFT = `
  SELECT category, priority, status, coalesce(kept.tickets, 0)::int AS kept, coalesce(actual.tickets, 0)::int AS actual
  FROM ticket_counts kept
  FULL JOIN (SELECT category, priority, status, count(*) AS tickets FROM tickets GROUP BY 1, 2, 3) actual
    USING (category, priority, status)
  WHERE coalesce(kept.tickets, 0) <> coalesce(actual.tickets, 0)
  ORDER BY 1, 2, 3`;

/** The combinations of ticket_counts that differ from a fresh count (none while the triggers work). */
export function countDrift(session: Session): Promise<Drift[]> {
  return session.query<Drift>(DRIFT);
}

/**
 * Rebuilds ticket_counts and ticket_assignee_counts from the tickets, with writers held back
 * meanwhile (readers go on), and returns what was wrong in ticket_counts.
 */
export async function recount(session: Session): Promise<Drift[]> {
  await session.exec("BEGIN");
  try {
    await session.exec("LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE");
    const drift = await countDrift(session);
    await session.exec(`
      DELETE FROM ticket_counts;
      INSERT INTO ticket_counts (category, priority, status, tickets)
      SELECT category, priority, status, count(*) FROM tickets GROUP BY 1, 2, 3;
      DELETE FROM ticket_assignee_counts;
      INSERT INTO ticket_assignee_counts (assignee, category, priority, status, tickets)
      SELECT coalesce(assignee_id, 0), category, priority, status, count(*) FROM tickets GROUP BY 1, 2, 3, 4`);
    await session.exec("COMMIT");
    return drift;
  } catch (error) {
    await session.exec("ROLLBACK");
    throw error;
  }
}
