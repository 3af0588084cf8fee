import { and, asc, between, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { ticketEvents, tickets } from "../db/schema.js";
import type { Actor } from "../http/route.js";
import { visibleTo } from "../tickets/sql.js";

/** Which events a NOTIFY names: a list of ids, or a range for a large statement. */
export type EventIds = { ids: number[] } | { from: number; to: number };

/** A history row with what deciding who may hear of it needs. */
export type LiveRow = {
  id: number;
  ticketId: number;
  requesterId: number | null;
  kind: "created" | "changed" | "assigned" | "message";
  field: string | null;
  internal: boolean;
  messageId: number | null;
};

export function liveRepo(db: Db) {
  const rows = () =>
    db
      .select({
        id: ticketEvents.id,
        ticketId: ticketEvents.ticketId,
        requesterId: tickets.requesterId,
        kind: ticketEvents.kind,
        field: ticketEvents.field,
        internal: ticketEvents.internal,
        messageId: ticketEvents.messageId,
      })
      .from(ticketEvents)
      .innerJoin(tickets, eq(tickets.id, ticketEvents.ticketId));

  return {
    async latestId(): Promise<number> {
      const [row] = await db
        .select({
          id: sql<number>`coalesce(max(${ticketEvents.id}), 0)::float8`,
        })
        .from(ticketEvents);
      return row!.id;
    },

    named: (events: EventIds): Promise<LiveRow[]> =>
      rows()
        .where(
          "ids" in events
            ? inArray(ticketEvents.id, events.ids)
            : between(ticketEvents.id, events.from, events.to),
        )
        .orderBy(asc(ticketEvents.id)),

    /** The events after `id` that `actor` may hear of, oldest first, at most `limit`. */
    after: (id: number, actor: Actor, limit: number): Promise<LiveRow[]> =>
      rows()
        .where(
          and(
            gt(ticketEvents.id, id),
            visibleTo(actor),
            actor.user.role === "requester"
              ? eq(ticketEvents.internal, false)
              : undefined,
          ),
        )
        .orderBy(asc(ticketEvents.id))
        .limit(limit),
  };
}

export type LiveRepo = ReturnType<typeof liveRepo>;
