import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import {
  CATEGORIES,
  PRIORITIES,
  STATUSES,
  type CreateTicket,
  type Stats,
  type Ticket,
  type TicketFilters,
  type UpdateTicket,
} from "../../contract/tickets.js";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { ticketCounts, tickets, type TicketRow } from "../db/schema.js";

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    priority: row.priority,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** `%`, `_` and `\` in a search term match themselves (backslash is LIKE's default escape). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The columns a filter may fix, on tickets or on ticket_counts. */
type Combination = {
  category: AnyPgColumn;
  priority: AnyPgColumn;
  status: AnyPgColumn;
};

function combinationConditions(table: Combination, filters: TicketFilters) {
  return [
    filters.category && eq(table.category, filters.category),
    filters.priority && eq(table.priority, filters.priority),
    filters.status && eq(table.status, filters.status),
  ];
}

function filterConditions(filters: TicketFilters): SQL | undefined {
  const conditions = combinationConditions(tickets, filters);
  if (filters.search) {
    const pattern = likePattern(filters.search);
    conditions.push(
      or(ilike(tickets.title, pattern), ilike(tickets.description, pattern)),
    );
  }
  return and(...conditions);
}

/**
 * The numbers behind Stats as aggregate columns over `table`: `count(where)` counts its matching
 * tickets, `oldest` is the oldest one's created_at.
 */
function statsColumns(
  table: Combination,
  count: (where?: SQL) => SQL<number>,
  oldest: SQL,
) {
  const breakdown = (
    prefix: string,
    column: AnyPgColumn,
    keys: readonly string[],
  ) =>
    Object.fromEntries(
      keys.map((key) => [`${prefix}_${key}`, count(sql`${column} = ${key}`)]),
    );
  return {
    total: count(),
    days: sql<number>`coalesce(floor(extract(epoch FROM now() - ${oldest}) / 86400), 0)::int`,
    ...breakdown("priority", table.priority, PRIORITIES),
    ...breakdown("category", table.category, CATEGORIES),
    ...breakdown("status", table.status, STATUSES),
  };
}

const filtered = (where?: SQL) =>
  where ? sql` FILTER (WHERE ${where})` : sql``;

/** Counts every matching ticket: needed for a search term, which the counters cannot answer. */
const countedStats = statsColumns(
  tickets,
  (where) => sql<number>`count(*)${filtered(where)}::int`,
  sql`min(${tickets.createdAt})`,
);

/**
 * Adds up the matching rows of ticket_counts (at most 64). The oldest ticket is the oldest of
 * each matching combination's oldest, one probe each into tickets_filters_newest_idx, so it costs
 * the same under any filters (a single min() under two filters may walk a whole index range).
 */
const counterStats = statsColumns(
  ticketCounts,
  (where) =>
    sql<number>`coalesce(sum(${ticketCounts.tickets})${filtered(where)}, 0)::int`,
  sql`min((SELECT min(${tickets.createdAt}) FROM ${tickets} WHERE ${and(
    eq(tickets.category, ticketCounts.category),
    eq(tickets.priority, ticketCounts.priority),
    eq(tickets.status, ticketCounts.status),
  )})) FILTER (WHERE ${ticketCounts.tickets} > 0)`,
);

export function ticketsRepo(db: Db) {
  return {
    async create(
      input: CreateTicket & { title: string; description: string },
    ): Promise<Ticket> {
      const [row] = await db.insert(tickets).values(input).returning();
      return toTicket(row!);
    },

    async get(id: number): Promise<Ticket | undefined> {
      const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
      return row && toTicket(row);
    },

    async update(id: number, patch: UpdateTicket): Promise<Ticket | undefined> {
      const [row] = await db
        .update(tickets)
        .set(patch)
        .where(eq(tickets.id, id))
        .returning();
      return row && toTicket(row);
    },

    /** One page, newest first; `after` is the id of the last ticket of the previous page. */
    async listPage(filters: TicketFilters, limit: number, after?: number) {
      const keyset =
        after === undefined
          ? undefined
          : sql`(${tickets.createdAt}, ${tickets.id}) < (SELECT created_at, id FROM tickets WHERE id = ${after})`;
      const rows = await db
        .select()
        .from(tickets)
        .where(and(filterConditions(filters), keyset))
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(limit + 1);
      return {
        tickets: rows.slice(0, limit).map(toTicket),
        hasMore: rows.length > limit,
      };
    },

    /** Every number in one round trip; the breakdown keys come from the contract's enums. */
    async stats(filters: TicketFilters): Promise<Stats> {
      const [row] = filters.search
        ? await db
            .select(countedStats)
            .from(tickets)
            .where(filterConditions(filters))
        : await db
            .select(counterStats)
            .from(ticketCounts)
            .where(and(...combinationConditions(ticketCounts, filters)));
      return toStats(row as Record<string, number>);
    },
  };
}

export type TicketsRepo = ReturnType<typeof ticketsRepo>;

function toStats(counts: Record<string, number>): Stats {
  const total = counts.total ?? 0;
  const pick = <K extends string>(prefix: string, keys: readonly K[]) =>
    Object.fromEntries(
      keys.map((key) => [key, counts[`${prefix}_${key}`] ?? 0]),
    ) as Record<K, number>;
  return {
    total_tickets: total,
    open_tickets: counts.status_open ?? 0,
    avg_tickets_per_day: averagePerDay(total, counts.days ?? 0),
    priority_breakdown: pick("priority", PRIORITIES),
    category_breakdown: pick("category", CATEGORIES),
    status_breakdown: pick("status", STATUSES),
  };
}

/** total ÷ max(1, whole days since the oldest ticket), to one decimal. */
export function averagePerDay(total: number, wholeDays: number): number {
  return Math.round((total / Math.max(1, wholeDays)) * 10) / 10;
}
