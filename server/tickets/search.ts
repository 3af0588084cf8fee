import {
  and,
  getTableColumns,
  sql,
  type AnyColumn,
  type SQL,
  type Subquery,
} from "drizzle-orm";
import type {
  Priority,
  Sort,
  Ticket,
  TicketFilters,
} from "../../contract/tickets.js";
import { indexReadSettings, type Db } from "../db/client.js";
import type { preparedStatements } from "../db/prepared.js";
import { tickets } from "../db/schema.js";
import type { Actor } from "../http/route.js";
import {
  activityMicros,
  keysetOf,
  orderOf,
  priorityRank,
  type After,
} from "./sort.js";
import { onlyMatching, readingOf } from "./sparse.js";
import {
  countedStatsWhere,
  filterWhere,
  fromTickets,
  searchIndexed,
  searchWhere,
  ticketRead,
} from "./sql.js";

/**
 * A search page does a bounded amount of work whatever the term (decision record 014):
 * 1. it walks the first `window` tickets under the filters, in the sort's order, and stops at a full page
 *    (a common term) or when it has examined all of them (the end of the list: complete);
 * 2. when none of them matched, it asks the trigram index for every match past the cursor, and
 *    answers completely when there are at most `indexCap` of them (an absent or rare term);
 * 3. otherwise it answers the matches among the `window` it walked (maybe none), and the next page
 *    continues after the last ticket examined (`stoppedAt`).
 * The index is asked only when the walk found nothing: a term with a few matches among the newest
 * tickets is usually in thousands of older ones, and reading those costs what the walk saves. It is
 * not asked for a term of fewer than 3 characters (no trigram: the whole index would be read, 3–5 s
 * at 1,000,000 tickets), and its read is given at most `indexMs` (a term absent from the newest
 * tickets but common further back reads long posting lists first); past that, the page answers as
 * in 3.
 */
export type ReadLimits = {
  window: number;
  indexCap: number;
  indexMs: number;
  /** A filtered read that matches at most this many tickets takes them first (sparse.ts). */
  sparseMax: number;
};
export const READ_LIMITS: ReadLimits = {
  window: 1000,
  indexCap: 1000,
  indexMs: 100,
  sparseMax: 5000,
};

export type SearchPage = {
  /** Matching tickets in the sort's order: at most `limit + 1` (one more means there are more). */
  rows: SearchRow[];
  /** The ticket to continue after when the walk stopped at the window's end. */
  stoppedAt?: { id: number; priority: Priority; micros: string };
};
/** A ticket with its last activity's microseconds (for the cursor). */
export type SearchRow = { ticket: Ticket; micros: string };

/**
 * What a search reads with: the database, its prepared statements, the limits, and on PostgreSQL
 * the pool for index reads (Database.indexReads at `limits.indexMs`).
 */
export type Reader = {
  db: Db;
  prepared: ReturnType<typeof preparedStatements>;
  limits: ReadLimits;
  indexDb?: Db;
};

const { searchText: _, ...ticketTable } = getTableColumns(tickets);
/**
 * A ticket's columns (but its search text, which is tested inside) and the sort's keys, for a
 * subquery under the table's own name, and the order over them (so PostgreSQL keeps the
 * subquery's order instead of sorting again). The rank and the last activity's microseconds are
 * computed only for the sort that needs them: on each of a walk's 1,000 rows they cost a third of
 * its time.
 */
const sortColumns = (sort: Sort) => ({
  ...ticketTable,
  rank: (sort === "priority"
    ? sql<number>`${priorityRank}`
    : sql<number>`0`
  ).as("rank"),
  micros: (sort === "activity" ? activityMicros : sql<string>`''`).as("micros"),
});
type Keys = {
  id: AnyColumn | SQL.Aliased;
  createdAt: AnyColumn | SQL.Aliased;
  updatedAt: AnyColumn | SQL.Aliased;
  rank: AnyColumn | SQL.Aliased;
};
function orderOver(sort: Sort, keys: Keys): SQL[] {
  const by = (key: AnyColumn | SQL.Aliased, way: "ASC" | "DESC") =>
    sql`${key} ${sql.raw(way)}`;
  switch (sort) {
    case "oldest":
      return [by(keys.createdAt, "ASC"), by(keys.id, "ASC")];
    case "priority":
      return [
        by(keys.rank, "DESC"),
        by(keys.createdAt, "DESC"),
        by(keys.id, "DESC"),
      ];
    case "activity":
      return [by(keys.updatedAt, "DESC"), by(keys.id, "DESC")];
    default:
      return [by(keys.createdAt, "DESC"), by(keys.id, "DESC")];
  }
}

export async function searchPage(
  reader: Reader,
  filters: TicketFilters & { search: string },
  actor: Actor,
  { limit, after, sort }: { limit: number; after?: After; sort: Sort },
): Promise<SearchPage> {
  const { db, prepared, limits } = reader;
  const base = filterWhere({ ...filters, search: undefined }, actor);
  const match = searchWhere(filters.search);
  const indexed = searchIndexed(filters.search);
  const keyset = after === undefined ? undefined : keysetOf(sort);
  const values = {
    ...base.values,
    ...match.values,
    after: after?.id,
    rank: after?.rank,
    micros: after?.micros,
  };
  const window = limits.window;
  const reading = await readingOf(db, prepared, filters, actor, base, {
    sort,
    rows: limits.window,
    max: limits.sparseMax,
  });
  if (reading === "none") return { rows: [] };
  const sparse = reading === "sparse";

  // The walk and the rows it finds, with their people, in one statement.
  const walk = () => {
    // NOTE: the window's LIMIT is inside the subquery, so whatever the term's estimated frequency
    // the plan is an index walk of at most `window` rows, stopping early at a full page.
    const candidates = db
      .select({
        ...sortColumns(sort),
        hit: sql<boolean>`${and(indexed, match.where)}`.as("hit"),
        n: sql<number>`(row_number() OVER (ORDER BY ${sql.join(orderOf(sort), sql`, `)}))::int`.as(
          "n",
        ),
      })
      .from(
        (sparse
          ? onlyMatching(db, filters, and(base.where, keyset), {
              sort,
              rows: window,
            })
          : tickets) as typeof tickets,
      )
      .where(sparse ? undefined : and(base.where, keyset))
      .orderBy(...orderOf(sort))
      .limit(sql.raw(String(window)) as unknown as number)
      .as("tickets");
    return ticketRead(
      db,
      fromTickets(
        db,
        { micros: candidates.micros, hit: candidates.hit, n: candidates.n },
        candidates,
      )
        .where(
          sql`${candidates.hit} OR ${candidates.n} = ${sql.raw(String(window))}`,
        )
        .orderBy(...orderOver(sort, candidates))
        .limit(sql.raw(String(limit + 2)) as unknown as number),
    );
  };
  const order = sort === "newest" ? "" : `_${sort}`;
  const name = `tickets_search_${window}_${limit}_${base.shape}_${match.shape}${order}${keyset ? "_after" : ""}${sparse ? "_sparse" : ""}`;

  const rows = await prepared(name, walk).execute(values);
  const hits = rows.filter((row) => row.hit);
  const end = rows.find((row) => row.n === window);
  if (hits.length > limit || !end) return { rows: hits.slice(0, limit + 1) };
  const stoppedAt = { ...end.ticket, micros: end.micros };
  if (hits.length > 0) return { rows: hits, stoppedAt };
  const found = await fromIndex(
    reader,
    // Named with its own bound: the index pool's connections serve every repo with this indexMs.
    `${name}_index_${limits.indexCap}`,
    filters.search,
    and(base.where, keyset, indexed, match.where),
    values,
    { sort, limit },
  );
  return found && found.total <= limits.indexCap
    ? { rows: found.rows }
    : { rows: [], stoppedAt };
}

/**
 * The first `limit + 1` matching tickets in the sort's order, and how many match up to
 * `indexCap + 1`, read through the trigram index only: a term rare among the first tickets may
 * still be common, and neither a sequential scan nor a walk is bounded then, while the index read
 * stops after `indexCap + 1` matches. Undefined when the index cannot answer in time.
 */
function fromIndex(
  reader: Reader,
  name: string,
  term: string,
  where: SQL | undefined,
  values: Record<string, unknown>,
  { sort, limit }: { sort: Sort; limit: number },
): Promise<{ rows: SearchRow[]; total: number } | undefined> {
  return throughIndex(reader, term, async (db, prepare) => {
    const read = () => {
      const found = db
        .select(sortColumns(sort))
        .from(tickets)
        .where(where)
        .limit(sql.raw(String(reader.limits.indexCap + 1)) as unknown as number)
        .as("tickets");
      return ticketRead(
        db,
        fromTickets(
          db,
          { micros: found.micros, total: sql<number>`(count(*) OVER ())::int` },
          found,
        )
          .orderBy(...orderOver(sort, found))
          .limit(sql.raw(String(limit + 1)) as unknown as number),
      );
    };
    const rows = await prepare(name, read).execute(values);
    return { rows, total: rows[0]?.total ?? 0 };
  });
}

/**
 * Runs `read` where PostgreSQL reads tickets through an index's bitmap only, for at most
 * `limits.indexMs`: on PostgreSQL on a connection of `indexDb`, set so, as prepared statements
 * (`prepare`); on PGlite in a transaction of its own that sets the same. Undefined when that ran
 * out, or when `term` is too short for the trigram index to narrow anything down.
 */
async function throughIndex<T>(
  { db, prepared, limits, indexDb }: Reader,
  term: string,
  read: (db: Db, prepare: Reader["prepared"]) => Promise<T>,
): Promise<T | undefined> {
  if ([...term].length < 3) return undefined;
  try {
    if (indexDb) return await read(indexDb, prepared);
    return await db.transaction(async (tx) => {
      const settings = Object.entries(indexReadSettings(limits.indexMs)).map(
        ([name, value]) => sql`set_config(${name}, ${value}, true)`,
      );
      await tx.execute(sql`SELECT ${sql.join(settings, sql`, `)}`);
      return read(tx, unprepared);
    });
  } catch (error) {
    if (codeOf(error) === QUERY_CANCELED) return undefined;
    throw error;
  }
}

/**
 * For reads in a transaction, whose statements cannot be kept (the next read is another
 * transaction): the statement unnamed, which runs just like the named one would.
 */
const unprepared: Reader["prepared"] = (_name, build) => build().prepare("");

const QUERY_CANCELED = "57014";
const codeOf = (error: unknown) =>
  (error as { code?: string }).code ??
  (error as { cause?: { code?: string } }).cause?.code;

/**
 * The first `rows` tickets of `source` under `where` (newest first, or any of them) under the
 * table's own name, with `hit`: whether each meets the search, tested once per row rather than
 * once per count.
 */
const firstTickets = (
  source: Subquery | typeof tickets,
  where: SQL | undefined,
  rows: number,
  hit: SQL = sql`true`,
  newestFirst = true,
) =>
  sql`(SELECT *, ${hit} AS hit FROM ${source} WHERE ${where ?? sql`true`}${
    newestFirst
      ? sql` ORDER BY ${tickets.createdAt} DESC, ${tickets.id} DESC`
      : sql``
  } LIMIT ${sql.raw(String(rows))}) AS ${tickets}`;
const isHit = sql`${tickets}."hit"`;

/**
 * The numbers for a search, bounded as a search page is: the matches among the first `window`
 * tickets under the other filters, newest first, with `scanned` set. Complete when those are all
 * of them, or when none of them matched and the trigram index holds at most `indexCap` matches.
 */
export async function searchCounts(
  reader: Reader,
  filters: TicketFilters & { search: string },
  actor: Actor,
): Promise<{ counts: Record<string, number>; scanned?: number }> {
  const { db, prepared, limits } = reader;
  const base = filterWhere({ ...filters, search: undefined }, actor);
  const match = searchWhere(filters.search);
  const hit = and(searchIndexed(filters.search), match.where)!;
  const values = { ...base.values, ...match.values };
  const { window, indexCap } = limits;
  const reading = await readingOf(db, prepared, filters, actor, base, {
    sort: "newest",
    rows: window,
    max: limits.sparseMax,
  });
  if (reading === "none") return { counts: {} };
  const sparse = reading === "sparse";
  const name = `tickets_stats_search_${window}_${base.shape}_${match.shape}${sparse ? "_sparse" : ""}`;
  const [walked] = await prepared(name, () =>
    db
      .select({
        ...countedStatsWhere(isHit),
        examined: sql<number>`count(*)::int`,
      })
      .from(
        sparse
          ? firstTickets(
              onlyMatching(db, filters, base.where, {
                sort: "newest",
                rows: window,
              }),
              undefined,
              window,
              hit,
            )
          : firstTickets(tickets, base.where, window, hit),
      ),
  ).execute(values);
  const counts = walked as Record<string, number>;
  if (counts.examined! < window) return { counts };
  if (counts.total! > 0) return { counts, scanned: window };
  const [indexed] =
    (await throughIndex(reader, filters.search, (on, prepare) =>
      prepare(`${name}_index_${indexCap}`, () =>
        on
          .select(countedStatsWhere(undefined))
          .from(
            firstTickets(
              tickets,
              and(base.where, hit),
              indexCap + 1,
              undefined,
              false,
            ),
          ),
      ).execute(values),
    )) ?? [];
  const all = indexed as Record<string, number> | undefined;
  return all && all.total! <= indexCap
    ? { counts: all }
    : { counts, scanned: window };
}
