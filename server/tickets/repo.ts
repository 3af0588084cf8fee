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
import { tickets, type TicketRow } from "../db/schema.js";

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

function filterConditions(filters: TicketFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filters.category && eq(tickets.category, filters.category),
    filters.priority && eq(tickets.priority, filters.priority),
    filters.status && eq(tickets.status, filters.status),
  ];
  if (filters.search) {
    const pattern = likePattern(filters.search);
    conditions.push(
      or(ilike(tickets.title, pattern), ilike(tickets.description, pattern)),
    );
  }
  return and(...conditions);
}

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
      const countWhere = (column: AnyPgColumn, value: string) =>
        sql<number>`count(*) FILTER (WHERE ${column} = ${value})::int`;
      const columns = {
        total: sql<number>`count(*)::int`,
        days: sql<number>`coalesce(floor(extract(epoch FROM now() - min(${tickets.createdAt})) / 86400), 0)::int`,
        ...Object.fromEntries(
          PRIORITIES.map((p) => [
            `priority_${p}`,
            countWhere(tickets.priority, p),
          ]),
        ),
        ...Object.fromEntries(
          CATEGORIES.map((c) => [
            `category_${c}`,
            countWhere(tickets.category, c),
          ]),
        ),
        ...Object.fromEntries(
          STATUSES.map((s) => [`status_${s}`, countWhere(tickets.status, s)]),
        ),
      };
      const [row] = await db
        .select(columns)
        .from(tickets)
        .where(filterConditions(filters));
      const counts = row as Record<string, number>;
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
    },
  };
}

export type TicketsRepo = ReturnType<typeof ticketsRepo>;

/** total ÷ max(1, whole days since the oldest ticket), to one decimal. */
export function averagePerDay(total: number, wholeDays: number): number {
  return Math.round((total / Math.max(1, wholeDays)) * 10) / 10;
}
