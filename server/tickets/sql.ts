import {
  and,
  eq,
  ilike,
  isNull,
  or,
  sql,
  type SQL,
  type Subquery,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  CATEGORIES,
  PRIORITIES,
  STATUSES,
  type Stats,
  type Ticket,
  type TicketFilters,
} from "../../contract/tickets.js";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { likePattern } from "../db/like.js";
import {
  ticketAssigneeCounts,
  ticketCounts,
  tickets,
  users,
  type TicketRow,
} from "../db/schema.js";
import type { Actor } from "../http/route.js";

const requester = alias(users, "requester");
const assignee = alias(users, "assignee");

/**
 * The columns every ticket read selects, in the order ticketOf takes them: the ticket, its
 * requester, its assignee. A read's own columns follow them.
 */
const ticketColumns = {
  id: tickets.id,
  title: tickets.title,
  description: tickets.description,
  category: tickets.category,
  priority: tickets.priority,
  status: tickets.status,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  requesterId: requester.id,
  requesterName: requester.name,
  requesterEmail: requester.email,
  assigneeId: assignee.id,
  assigneeName: assignee.name,
  assigneeEmail: assignee.email,
};
const TICKET_CELLS = Object.keys(ticketColumns).length;

/**
 * FROM tickets (or `source`, a subquery under the name tickets) with its people joined, selecting
 * ticketColumns and then `extra`; ticketRead runs it.
 */
export function fromTickets<Extra extends Record<string, SQL | SQL.Aliased>>(
  db: Db,
  extra = {} as Extra,
  source: typeof tickets | Subquery = tickets,
) {
  return db
    .select({ ...ticketColumns, ...extra })
    .from(source as typeof tickets)
    .leftJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId));
}

type Selected<Query> = Query extends { _: { result: (infer Row)[] } }
  ? Row
  : never;
/** A read's row: the ticket, and the read's own columns as the database sends them. */
type TicketRead<Query> = { ticket: Ticket } & Omit<
  Selected<Query>,
  keyof typeof ticketColumns
>;

/**
 * `query` (fromTickets and its clauses) as a statement to prepare, whose rows are mapped by hand
 * (ticketOf) instead of by Drizzle's generic mapper, which took a fifth of a list page's CPU. The
 * read's own columns are passed on as the driver parses them: cast them in SQL to the type they
 * declare (an int, not a bigint, for a number).
 */
export function ticketRead<
  Query extends {
    toSQL(): { sql: string; params: unknown[] };
    _: { selectedFields: object; result: unknown[] };
  },
>(db: Db, query: Query) {
  const extra = Object.keys(query._.selectedFields).slice(TICKET_CELLS);
  const toRow = (cells: unknown[]) => {
    const row: Record<string, unknown> = { ticket: ticketOf(cells) };
    extra.forEach((key, i) => (row[key] = cells[TICKET_CELLS + i]));
    return row as TicketRead<Query>;
  };
  return {
    prepare: (name?: string) =>
      db._.session.prepareQuery<{
        execute: TicketRead<Query>[];
        all: unknown;
        values: unknown;
      }>(query.toSQL(), undefined, name, true, (rows) => rows.map(toRow)),
  };
}

/** A ticket from the first cells of a read's row (ticketColumns' order, timestamps as text). */
function ticketOf(cells: unknown[]): Ticket {
  const [id, title, description, category, priority, status, created, updated] =
    cells as [
      number | string,
      string,
      string,
      Ticket["category"],
      Ticket["priority"],
      Ticket["status"],
      string,
      string,
    ];
  return {
    id: Number(id),
    title,
    description,
    category,
    priority,
    status,
    created_at: new Date(created).toISOString(),
    updated_at: new Date(updated).toISOString(),
    requester: personOf(cells, 8),
    assignee: personOf(cells, 11),
  };
}

/** A ticket just inserted (its row as Drizzle maps it), filed for `requester`, not yet assigned. */
export function newTicket(
  row: TicketRow,
  requester: Ticket["requester"],
): Ticket {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    priority: row.priority,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    requester,
    assignee: null,
  };
}

const personOf = (cells: unknown[], at: number): Ticket["requester"] =>
  cells[at] === null
    ? null
    : {
        id: Number(cells[at]),
        name: cells[at + 1] as string,
        email: cells[at + 2] as string,
      };

/** The tickets `actor` may see: a requester only their own, agents and admins all. */
export function visibleTo(actor: Actor): SQL | undefined {
  return actor.user.role === "requester"
    ? eq(tickets.requesterId, actor.user.id)
    : undefined;
}

/** The columns a filter may fix, on tickets or on ticket_counts. */
type Combination = {
  category: AnyPgColumn;
  priority: AnyPgColumn;
  status: AnyPgColumn;
};

/**
 * A WHERE clause with placeholders, the values to fill them, and the shape: the names of the
 * conditions it has, which tell apart every distinct SQL text (the prepared statement's name).
 */
export type Where = {
  shape: string;
  where: SQL | undefined;
  values: Record<string, unknown>;
};

type Part = [shape: string, condition: SQL | undefined, values?: object];

function where(parts: Part[]): Where {
  return {
    shape: parts.map(([shape]) => shape).join("_") || "all",
    where: and(...parts.map(([, condition]) => condition)),
    values: Object.assign({}, ...parts.map(([, , values]) => values)),
  };
}

function combinationParts(table: Combination, filters: TicketFilters): Part[] {
  return (["category", "priority", "status"] as const)
    .filter((column) => filters[column] !== undefined)
    .map((column) => [
      column,
      eq(table[column], sql.placeholder(column)),
      { [column]: filters[column] },
    ]);
}

/** The enum filters over ticket_counts. */
export function combinationWhere(
  table: Combination,
  filters: TicketFilters,
): Where {
  return where(combinationParts(table, filters));
}

/** `123` or `#123` also finds the ticket with that number. */
const TICKET_NUMBER = /^#?([1-9]\d{0,15})$/;

/** The search condition: the term in title or description (exact), or the ticket number. */
function searchPart(term: string): Part {
  const number = TICKET_NUMBER.exec(term)?.[1];
  const text = [
    ilike(tickets.title, sql.placeholder("pattern")),
    ilike(tickets.description, sql.placeholder("pattern")),
  ];
  const values = { pattern: likePattern(term) };
  return number === undefined
    ? ["search", or(...text), values]
    : [
        "search_or_id",
        or(...text, eq(tickets.id, sql.placeholder("number"))),
        { ...values, number: Number(number) },
      ];
}

/** The search condition alone, with its shape and values. */
export function searchWhere(term: string): Where {
  return where([searchPart(term)]);
}

/**
 * What tickets_search_text_trgm_idx (migration 0016) can answer, with the same placeholders as
 * searchWhere: the term anywhere in the joined text, lower-cased when the ticket was written, or
 * the number. Implied by the exact condition, and much cheaper to test on a row: nothing to lower.
 */
export function searchIndexed(term: string): SQL {
  const text = sql`${tickets.searchText} LIKE lower(${sql.placeholder("pattern")})`;
  return TICKET_NUMBER.test(term)
    ? or(text, eq(tickets.id, sql.placeholder("number")))!
    : text;
}

export function filterWhere(filters: TicketFilters, actor: Actor): Where {
  const parts = combinationParts(tickets, filters);
  if (actor.user.role === "requester")
    parts.push([
      "own",
      eq(tickets.requesterId, sql.placeholder("requester")),
      { requester: actor.user.id },
    ]);
  if (filters.assignee !== undefined) {
    const who = filters.assignee === "me" ? actor.user.id : filters.assignee;
    parts.push(
      who === "none"
        ? ["unassigned", isNull(tickets.assigneeId)]
        : [
            "assignee",
            eq(tickets.assigneeId, sql.placeholder("assignee")),
            { assignee: Number(who) },
          ],
    );
  }
  if (filters.search) parts.push(searchPart(filters.search));
  return where(parts);
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

/** Counts the tickets that meet `hit` (all without it): for what the counters cannot answer. */
export const countedStatsWhere = (hit: SQL | undefined) =>
  statsColumns(
    tickets,
    (where) => sql<number>`count(*)${filtered(and(hit, where))}::int`,
    sql`min(${tickets.createdAt})${filtered(hit)}`,
  );

/** The oldest ticket under `ticketsWhere`: one walk of an index from its oldest end. */
const oldestWhere = (ticketsWhere: SQL | undefined) =>
  sql`(SELECT min(${tickets.createdAt}) FROM ${tickets} WHERE ${ticketsWhere ?? sql`true`})`;

/**
 * Adds up the matching rows of ticket_counts (at most 64). With two or three filters the oldest
 * ticket is the oldest of each matching combination's oldest, one probe each into
 * tickets_filters_newest_idx (a single min() there may walk a whole index range); with none or
 * one, a single min() is one probe into the newest index of that column (or of all tickets).
 */
export const counterStats = (filters: TicketFilters) =>
  statsColumns(
    ticketCounts,
    (where) =>
      sql<number>`coalesce(sum(${ticketCounts.tickets})${filtered(where)}, 0)::int`,
    combinationParts(tickets, filters).length > 1
      ? sql`min((SELECT min(${tickets.createdAt}) FROM ${tickets} WHERE ${and(
          eq(tickets.category, ticketCounts.category),
          eq(tickets.priority, ticketCounts.priority),
          eq(tickets.status, ticketCounts.status),
        )})) FILTER (WHERE ${ticketCounts.tickets} > 0)`
      : oldestWhere(combinationWhere(tickets, filters).where),
  );

/**
 * Adds up the matching rows of ticket_assignee_counts (at most 64 per assignee); the oldest ticket
 * is one walk of tickets_assignee_newest_idx from its oldest end under `ticketsWhere`, the same
 * filters over tickets.
 */
export const assigneeCounterStats = (ticketsWhere: SQL | undefined) =>
  statsColumns(
    ticketAssigneeCounts,
    (where) =>
      sql<number>`coalesce(sum(${ticketAssigneeCounts.tickets})${filtered(where)}, 0)::int`,
    oldestWhere(ticketsWhere),
  );

/** The assignee filter over ticket_assignee_counts (0: unassigned) and the enum filters. */
export function assigneeCombinationWhere(
  filters: TicketFilters,
  actor: Actor,
): Where {
  const who = filters.assignee === "me" ? actor.user.id : filters.assignee;
  return where([
    [
      "assignee",
      eq(ticketAssigneeCounts.assignee, sql.placeholder("assignee")),
      { assignee: who === "none" || who === undefined ? 0 : Number(who) },
    ],
    ...combinationParts(ticketAssigneeCounts, filters),
  ]);
}

export function toStats(counts: Record<string, number>): Stats {
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
