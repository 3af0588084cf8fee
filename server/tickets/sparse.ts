import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  CATEGORIES,
  PRIORITIES,
  STATUSES,
  type Sort,
  type TicketFilters,
} from "../../contract/tickets.js";
import type { Db } from "../db/client.js";
import type { preparedStatements } from "../db/prepared.js";
import { ticketAssigneeCounts, ticketCounts, tickets } from "../db/schema.js";
import type { Actor } from "../http/route.js";
import { orderOf } from "./sort.js";
import {
  assigneeCombinationWhere,
  combinationWhere,
  type Where,
} from "./sql.js";

/**
 * A filtered read walks an index in the list's order and skips the tickets that do not match.
 * When few match in a combination no index leads with, the walk passes most of the table: 3–4 s
 * at 1,000,000 tickets for "unassigned and closed" (none), or for "assigned to Ann, latest
 * activity first" when Ann has none. So such a read first asks how many tickets match, and takes
 * them first, by whatever index the filters suit, and sorts them itself (decision record 015)
 * when that reads fewer rows than the walk would: a walk that needs `rows` matches passes about
 * rows × total ÷ matches tickets, so when matches² ≤ rows × total; and never more than `max`
 * (5,000: READ_LIMITS).
 */
/**
 * The filters an index leads with, by the order it gives: a walk of it passes only matching
 * tickets. (An index cannot lead with "unassigned": PostgreSQL does not take `IS NULL` as fixing a
 * column's value, so it would sort.)
 */
const NEWEST = new Set([
  "all",
  "category",
  "priority",
  "status",
  "category_priority_status",
  "assignee",
  "own",
]);
const SERVED: Record<Sort, Set<string>> = {
  newest: NEWEST,
  oldest: NEWEST,
  priority: new Set(["all"]),
  // tickets_assignee_status_activity_idx (migration 0015): an agent's queue
  activity: new Set(["all", "status_assignee"]),
};

type Prepared = ReturnType<typeof preparedStatements>;

/**
 * How a read under the filters (`where`, from filterWhere) that needs `rows` matching tickets in
 * `sort`'s order should find them: "walk" an index in that order (no filter, or one that index
 * leads with, or too many match), or they match "none", or take them first ("sparse"). Agents'
 * filters are counted exactly from the counters (at most 64 rows); a requester's own tickets up
 * to `max + 1`.
 */
export async function readingOf(
  db: Db,
  prepared: Prepared,
  filters: TicketFilters,
  actor: Actor,
  onTickets: Where,
  { sort, rows, max }: { sort: Sort; rows: number; max: number },
): Promise<"walk" | "none" | "sparse"> {
  if (SERVED[sort].has(onTickets.shape)) return "walk";
  const [row] = await count(db, prepared, filters, actor, max, onTickets);
  const { n, total } = row ?? { n: 0, total: 0 };
  if (n === 0) return "none";
  return n <= max && n * n <= rows * total ? "sparse" : "walk";
}

/** The tickets under the filters (n) and all of them (total, from the counters). */
function count(
  db: Db,
  prepared: Prepared,
  filters: TicketFilters,
  actor: Actor,
  max: number,
  onTickets: Where,
): Promise<{ n: number; total: number }[]> {
  const sum = (column: AnyPgColumn) =>
    sql<number>`coalesce(sum(${column}), 0)::int`;
  const total = sql<number>`(SELECT ${sum(ticketCounts.tickets)} FROM ${ticketCounts})`;
  if (actor.user.role === "requester")
    return prepared(`tickets_sparse_own_${max}_${onTickets.shape}`, () =>
      db
        .select({ n: sql<number>`count(*)::int`, total })
        .from(
          sql`(SELECT 1 FROM ${tickets} WHERE ${onTickets.where} LIMIT ${sql.raw(String(max + 1))}) AS own`,
        ),
    ).execute(onTickets.values);
  if (filters.assignee !== undefined) {
    const { shape, where, values } = assigneeCombinationWhere(filters, actor);
    return prepared(`tickets_sparse_by_assignee_${shape}`, () =>
      db
        .select({ n: sum(ticketAssigneeCounts.tickets), total })
        .from(ticketAssigneeCounts)
        .where(where),
    ).execute(values);
  }
  const { shape, where, values } = combinationWhere(ticketCounts, filters);
  return prepared(`tickets_sparse_${shape}`, () =>
    db
      .select({ n: sum(ticketCounts.tickets), total })
      .from(ticketCounts)
      .where(where),
  ).execute(values);
}

/**
 * The first `rows` tickets under `where` (the filters') in `sort`'s order, found first and then
 * ordered again by the query around them, under the table's own name. The matches are sorted by
 * their keys alone, which the index holds (but the last activity), and only the first `rows` are
 * read whole: sorting whole rows, text and all, cost more than the walk it spares. An enum the
 * filters leave open is spelled out as all its values, so that tickets_filters_newest_idx or
 * tickets_assignee_filters_idx (migration 0014) reads only the matching tickets whichever enums
 * are fixed.
 */
export const onlyMatching = (
  db: Db,
  filters: TicketFilters,
  where: SQL | undefined,
  { sort, rows }: { sort: Sort; rows: number },
) => {
  // NOTE: OFFSET 0 keeps PostgreSQL from walking an index in the sort's order instead.
  const matching = db
    .select({
      id: tickets.id,
      createdAt: tickets.createdAt,
      priority: tickets.priority,
      ...(sort === "activity" && { updatedAt: tickets.updatedAt }),
    })
    .from(tickets)
    .where(
      and(
        where,
        ...ENUMS.filter(([column]) => filters[column] === undefined).map(
          ([column, values]) => inArray(tickets[column], [...values]),
        ),
      ),
    )
    .offset(sql.raw("0") as unknown as number)
    .as("tickets");
  const first = db
    .select({ id: matching.id })
    .from(matching)
    .orderBy(...orderOf(sort))
    .limit(sql.raw(String(rows)) as unknown as number);
  return db
    .select()
    .from(tickets)
    .where(inArray(tickets.id, first))
    .as("tickets");
};

const ENUMS = [
  ["category", CATEGORIES],
  ["priority", PRIORITIES],
  ["status", STATUSES],
] as const;
