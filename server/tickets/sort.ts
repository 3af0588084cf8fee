import { asc, desc, sql, type SQL } from "drizzle-orm";
import type { Sort } from "../../contract/tickets.js";
import { tickets } from "../db/schema.js";
import { decodeCursor, encodeCursor } from "./cursor.js";

/**
 * The priority as a number, most urgent highest. NOTE: written exactly as the expression of
 * tickets_priority_rank_idx (migration 0010), or PostgreSQL will not use that index.
 */
export const priorityRank = sql.raw(
  `(CASE "tickets"."priority" WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END)`,
);
const RANKS = { critical: 3, high: 2, medium: 1, low: 0 } as const;

/**
 * Where the previous page ended. created_at never changes, so the last ticket's id is enough to
 * find it again (decision record 001); priority and last activity do change, so the cursor keeps
 * the values the page was sorted by: a ticket changed meanwhile neither repeats the list nor skips it.
 */
export type After = { id: number; rank?: number; micros?: string };

export function orderOf(sort: Sort): SQL[] {
  switch (sort) {
    case "oldest":
      return [asc(tickets.createdAt), asc(tickets.id)];
    case "priority":
      return [
        sql`${priorityRank} DESC`,
        desc(tickets.createdAt),
        desc(tickets.id),
      ];
    case "activity":
      return [desc(tickets.updatedAt), desc(tickets.id)];
    default:
      return [desc(tickets.createdAt), desc(tickets.id)];
  }
}

const createdOf = sql`(SELECT created_at FROM tickets WHERE id = ${sql.placeholder("after")})`;

/** The condition "after the previous page" in `sort`'s order, with placeholders for `after`'s values. */
export function keysetOf(sort: Sort): SQL {
  switch (sort) {
    case "oldest":
      return sql`(${tickets.createdAt}, ${tickets.id}) > (${createdOf}, ${sql.placeholder("after")})`;
    case "priority":
      return sql`(${priorityRank}, ${tickets.createdAt}, ${tickets.id}) < (${sql.placeholder("rank")}::int, ${createdOf}, ${sql.placeholder("after")})`;
    case "activity":
      return sql`(${tickets.updatedAt}, ${tickets.id}) < (timestamptz 'epoch' + ${sql.placeholder("micros")}::bigint * interval '1 microsecond', ${sql.placeholder("after")})`;
    default:
      return sql`(${tickets.createdAt}, ${tickets.id}) < (SELECT created_at, id FROM tickets WHERE id = ${sql.placeholder("after")})`;
  }
}

/** Microseconds since 1970 of the last activity, exact (JavaScript dates keep milliseconds only). */
export const activityMicros = sql<string>`(extract(epoch FROM ${tickets.updatedAt}) * 1000000)::bigint::text`;

const PREFIX = { oldest: "o", priority: "p", activity: "a" } as const;
const FORMS = {
  o: /^o:([1-9]\d{0,15})$/,
  p: /^p:([0-3]):([1-9]\d{0,15})$/,
  a: /^a:(-?\d{1,17}):([1-9]\d{0,15})$/,
};

/** The opaque cursor after a ticket: base64url, "t:<id>" for newest first as before. */
export function encodeSortCursor(
  sort: Sort,
  last: { id: number; priority: keyof typeof RANKS },
  micros?: string,
): string {
  if (sort === "newest") return encodeCursor(last.id);
  const parts =
    sort === "oldest"
      ? [last.id]
      : sort === "priority"
        ? [RANKS[last.priority], last.id]
        : [micros, last.id];
  return Buffer.from([PREFIX[sort], ...parts].join(":")).toString("base64url");
}

/** The position a cursor names, or undefined when it was not made for this sort. */
export function decodeSortCursor(
  sort: Sort,
  cursor: string,
): After | undefined {
  if (sort === "newest") {
    const id = decodeCursor(cursor);
    return id === undefined ? undefined : { id };
  }
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (Buffer.from(text).toString("base64url") !== cursor) return undefined;
  const match = FORMS[PREFIX[sort]].exec(text);
  if (!match) return undefined;
  const id = Number(match.at(-1));
  if (!Number.isSafeInteger(id)) return undefined;
  if (sort === "priority") return { id, rank: Number(match[1]) };
  if (sort === "activity") return { id, micros: match[1] };
  return { id };
}
