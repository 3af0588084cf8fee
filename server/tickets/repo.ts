import { and, eq, sql } from "drizzle-orm";
import type {
  CreateTicket,
  Sort,
  Stats,
  Ticket,
  TicketFilters,
  UpdateTicket,
} from "../../contract/tickets.js";
import { linkSuggestion } from "../classify/suggestions-repo.js";
import type { Database, Db } from "../db/client.js";
import {
  ticketAssigneeCounts,
  ticketCounts,
  ticketEvents,
  tickets,
  users,
} from "../db/schema.js";
import { byUser } from "../history/repo.js";
import { HttpError } from "../http/errors.js";
import type { Actor } from "../http/route.js";
import { preparedStatements } from "../db/prepared.js";
import { onlyMatching, readingOf } from "./sparse.js";
import {
  READ_LIMITS,
  searchCounts,
  searchPage,
  type ReadLimits,
  type Reader,
} from "./search.js";
import {
  assigneeCombinationWhere,
  assigneeCounterStats,
  combinationWhere,
  countedStatsWhere,
  counterStats,
  filterWhere,
  fromTickets,
  newTicket,
  ticketRead,
  toStats,
  visibleTo,
} from "./sql.js";
import {
  activityMicros,
  encodeSortCursor,
  keysetOf,
  orderOf,
  type After,
} from "./sort.js";

type NewTicket = Omit<CreateTicket, "title" | "description"> & {
  title: string;
  description: string;
};
const FIELDS = [
  "title",
  "description",
  "category",
  "priority",
  "status",
] as const;
/** A requester may only close their ticket or open it again. */
const REQUESTER_STATUSES: readonly string[] = ["open", "closed"];

export function ticketsRepo(
  db: Db,
  limits: ReadLimits = READ_LIMITS,
  indexReads?: Database["indexReads"],
) {
  const prepared = preparedStatements();
  const reader: Reader = {
    db,
    prepared,
    limits,
    indexDb: indexReads?.(limits.indexMs),
  };
  const getIn = async (tx: Db, id: number, actor: Actor) => {
    const [row] = await ticketRead(
      tx,
      fromTickets(tx).where(and(eq(tickets.id, id), visibleTo(actor))),
    )
      .prepare()
      .execute();
    return row?.ticket;
  };

  /** The person a new ticket is for: the caller, or (agents only) the person with requester_email, created if new. */
  async function requesterOf(
    tx: Db,
    input: NewTicket,
    actor: Actor,
  ): Promise<Person> {
    const email = input.requester_email;
    if (email === undefined || email === actor.user.email)
      return personOf(actor);
    if (actor.user.role === "requester")
      throw new HttpError(
        403,
        "Only agents can file a ticket for someone else",
      );
    const name = input.requester_name ?? email.split("@")[0]!;
    await tx
      .insert(users)
      .values({ email, name, role: "requester" })
      .onConflictDoNothing();
    const [found] = await tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email));
    return found!;
  }

  return {
    async get(id: number, actor: Actor): Promise<Ticket | undefined> {
      const { shape, where, values } = filterWhere({}, actor);
      const [row] = await prepared(`tickets_get_${shape}`, () =>
        ticketRead(
          db,
          fromTickets(db).where(
            and(eq(tickets.id, sql.placeholder("id")), where),
          ),
        ),
      ).execute({ ...values, id });
      return row?.ticket;
    },

    /**
     * The common case (your own ticket, no suggestion) is one statement: the ticket, its "created"
     * event and the row back. Filing for someone else or linking a suggestion adds statements, in
     * a transaction.
     */
    async create(input: NewTicket, actor: Actor): Promise<Ticket> {
      const {
        requester_email: email,
        requester_name: _name,
        suggestion_id: suggestionId,
        ...fields
      } = input;
      if (
        (email === undefined || email === actor.user.email) &&
        suggestionId === undefined
      )
        return insertTicket(db, fields, actor, personOf(actor));
      return db.transaction(async (tx) => {
        const requester = await requesterOf(tx, input, actor);
        const ticket = await insertTicket(tx, fields, actor, requester);
        if (suggestionId !== undefined)
          await linkSuggestion(tx, suggestionId, ticket, actor.user.id);
        return ticket;
      });
    },

    /** Applies the fields that differ, with one event each, in one transaction; undefined if not visible. */
    async update(
      id: number,
      patch: UpdateTicket,
      actor: Actor,
    ): Promise<Ticket | undefined> {
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(tickets)
          .where(and(eq(tickets.id, id), visibleTo(actor)))
          .for("update");
        if (!before) return undefined;
        if (actor.user.role === "requester") checkRequesterPatch(patch);
        const changed = FIELDS.filter(
          (field) =>
            patch[field] !== undefined && patch[field] !== before[field],
        );
        const assign =
          patch.assignee_id !== undefined &&
          patch.assignee_id !== before.assigneeId;
        if (assign && patch.assignee_id !== null)
          await checkAssignee(tx, patch.assignee_id!);
        if (changed.length === 0 && !assign) return getIn(tx, id, actor);

        await tx
          .update(tickets)
          .set({
            ...Object.fromEntries(
              changed.map((field) => [field, patch[field]]),
            ),
            ...(assign && { assigneeId: patch.assignee_id }),
          })
          .where(eq(tickets.id, id));
        const text = (value: unknown) =>
          value === null || value === undefined ? null : String(value);
        await tx.insert(ticketEvents).values(
          byUser(actor, [
            ...changed.map((field) => ({
              ticketId: id,
              kind: "changed" as const,
              field,
              fromValue: text(before[field]),
              toValue: text(patch[field]),
            })),
            ...(assign
              ? [
                  {
                    ticketId: id,
                    kind: "assigned" as const,
                    fromValue: text(before.assigneeId),
                    toValue: text(patch.assignee_id),
                  },
                ]
              : []),
          ]),
        );
        return getIn(tx, id, actor);
      });
    },

    /**
     * One page in `sort`'s order (newest first by default), after the previous page's cursor.
     * `scanned` is set when a search stopped after examining that many tickets without reaching
     * the end of the list; `next` then continues after the last one examined (decision record 014).
     */
    async listPage(
      filters: TicketFilters,
      actor: Actor,
      limit: number,
      after?: After,
      sort: Sort = "newest",
    ): Promise<{ tickets: Ticket[]; next?: string; scanned?: number }> {
      if (filters.search) {
        const found = await searchPage(
          reader,
          { ...filters, search: filters.search },
          actor,
          { limit, after, sort },
        );
        const rows = found.rows;
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        if (found.stoppedAt)
          return {
            tickets: page.map((row) => row.ticket),
            next: encodeSortCursor(
              sort,
              found.stoppedAt,
              found.stoppedAt.micros,
            ),
            scanned: limits.window,
          };
        return {
          tickets: page.map((row) => row.ticket),
          next:
            rows.length > limit && last
              ? encodeSortCursor(sort, last.ticket, last.micros)
              : undefined,
        };
      }
      const onTickets = filterWhere(filters, actor);
      const { shape, where, values } = onTickets;
      const keyset = after === undefined ? undefined : keysetOf(sort);
      const reading = await readingOf(db, prepared, filters, actor, onTickets, {
        sort,
        rows: limit + 1,
        max: limits.sparseMax,
      });
      if (reading === "none") return { tickets: [] };
      const sparse = reading === "sparse";
      const order = sort === "newest" ? "" : `_${sort}`;
      const name = `tickets_list_${limit}_${shape}${order}${keyset ? "_after" : ""}${sparse ? "_sparse" : ""}`;
      const rows = await prepared(name, () =>
        ticketRead(
          db,
          fromTickets(
            db,
            // the last activity's microseconds, for the cursor of that order only
            { micros: sort === "activity" ? activityMicros : sql<string>`''` },
            sparse
              ? onlyMatching(db, filters, and(where, keyset), {
                  sort,
                  rows: limit + 1,
                })
              : tickets,
          )
            .where(sparse ? undefined : and(where, keyset))
            .orderBy(...orderOf(sort))
            // NOTE: the limit is written into the statement, not sent as a parameter: a generic
            // plan assumes a parameter LIMIT takes a tenth of the rows, so PostgreSQL would keep
            // planning every call.
            .limit(sql.raw(String(limit + 1)) as unknown as number),
        ),
      ).execute({
        ...values,
        after: after?.id,
        rank: after?.rank,
        micros: after?.micros,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        tickets: page.map((row) => row.ticket),
        next:
          rows.length > limit && last
            ? encodeSortCursor(sort, last.ticket, last.micros)
            : undefined,
      };
    },

    /**
     * Every number in one round trip. The counters answer for everyone's tickets under the three
     * enum filters, by assignee too; a requester's own tickets are counted; a search counts the
     * matches among the tickets a search page examines (`scanned`, decision record 014).
     */
    async stats(filters: TicketFilters, actor: Actor): Promise<Stats> {
      if (filters.search) {
        const { counts, scanned } = await searchCounts(
          reader,
          { ...filters, search: filters.search },
          actor,
        );
        return {
          ...toStats(counts),
          ...(scanned !== undefined && { scanned }),
        };
      }
      if (actor.user.role === "requester") {
        const { shape, where, values } = filterWhere(filters, actor);
        const [row] = await prepared(`tickets_stats_counted_${shape}`, () =>
          db.select(countedStatsWhere(undefined)).from(tickets).where(where),
        ).execute(values);
        return toStats(row as Record<string, number>);
      }
      if (filters.assignee !== undefined) {
        const onTickets = filterWhere(filters, actor);
        const onCounts = assigneeCombinationWhere(filters, actor);
        const [row] = await prepared(
          `tickets_stats_by_assignee_${onTickets.shape}`,
          () =>
            db
              .select(assigneeCounterStats(onTickets.where))
              .from(ticketAssigneeCounts)
              .where(onCounts.where),
        ).execute({ ...onTickets.values, ...onCounts.values });
        return toStats(row as Record<string, number>);
      }
      const { shape, where, values } = combinationWhere(ticketCounts, filters);
      const [row] = await prepared(`tickets_stats_counter_${shape}`, () =>
        db.select(counterStats(filters)).from(ticketCounts).where(where),
      ).execute(values);
      return toStats(row as Record<string, number>);
    },
  };
}

export type TicketsRepo = ReturnType<typeof ticketsRepo>;

type Person = NonNullable<Ticket["requester"]>;
const personOf = ({ user }: Actor): Person => ({
  id: user.id,
  name: user.name,
  email: user.email,
});

/** INSERT the ticket and its "created" event in one statement (data-modifying CTEs); returns it. */
async function insertTicket(
  runner: Db,
  fields: Omit<
    NewTicket,
    "requester_email" | "requester_name" | "suggestion_id"
  >,
  actor: Actor,
  requester: Person,
): Promise<Ticket> {
  const inserted = runner.$with("inserted").as(
    runner
      .insert(tickets)
      .values({ ...fields, requesterId: requester.id })
      .returning(),
  );
  // NOTE: a data-modifying CTE runs to completion even though the SELECT below never reads it.
  const created = runner
    .$with("created", { n: sql<number>`n` })
    .as(
      sql`INSERT INTO ${ticketEvents} (ticket_id, actor_kind, actor_id, kind) SELECT id, 'user', ${actor.user.id}, 'created' FROM ${inserted} RETURNING 1 AS n`,
    );
  const [row] = await runner.with(inserted, created).select().from(inserted);
  return newTicket(row!, requester);
}

function checkRequesterPatch(patch: UpdateTicket): void {
  const keys = Object.keys(patch).filter(
    (key) => patch[key as keyof UpdateTicket] !== undefined,
  );
  if (
    keys.some((key) => key !== "status") ||
    !REQUESTER_STATUSES.includes(patch.status ?? "")
  )
    throw new HttpError(403, "You can only close your ticket or reopen it");
}

async function checkAssignee(tx: Db, id: number): Promise<void> {
  const [found] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, id),
        sql`${users.role} IN ('agent', 'admin')`,
        sql`${users.disabledAt} IS NULL`,
      ),
    );
  if (!found)
    throw new HttpError(400, "Invalid request body", undefined, {
      assignee_id: ["Must be an active agent or admin"],
    });
}
