import { and, asc, eq, inArray } from "drizzle-orm";
import type { TicketEvent } from "../../contract/events.js";
import type { Db } from "../db/client.js";
import { ticketEvents, users } from "../db/schema.js";
import type { Actor } from "../http/route.js";

type NewEvent = Omit<
  typeof ticketEvents.$inferInsert,
  "id" | "at" | "actorKind" | "actorId"
>;

/** Event rows done by a person; insert them in the same transaction as the change they record. */
export function byUser(actor: Actor, events: NewEvent[]) {
  return events.map((event) => ({
    ...event,
    actorKind: "user" as const,
    actorId: actor.user.id,
  }));
}

export type HistoryRepo = ReturnType<typeof historyRepo>;

export function historyRepo(db: Db) {
  return {
    /** A ticket's events, oldest first; a requester never sees those of internal notes. */
    async list(ticketId: number, actor: Actor): Promise<TicketEvent[]> {
      const rows = await db
        .select({ event: ticketEvents, userName: users.name })
        .from(ticketEvents)
        .leftJoin(users, eq(users.id, ticketEvents.actorId))
        .where(
          and(
            eq(ticketEvents.ticketId, ticketId),
            actor.user.role === "requester"
              ? eq(ticketEvents.internal, false)
              : undefined,
          ),
        )
        .orderBy(asc(ticketEvents.id));
      const names = await assigneeNames(
        db,
        rows.filter((row) => row.event.kind === "assigned"),
      );
      return rows.map(({ event, userName }) => ({
        id: event.id,
        at: event.at.toISOString(),
        actor: {
          kind: event.actorKind,
          ...(event.actorId !== null && { id: event.actorId }),
          ...((userName ?? event.actorName) !== null && {
            name: (userName ?? event.actorName)!,
          }),
        },
        kind: event.kind,
        ...(event.field !== null && { field: event.field }),
        ...(event.internal && { internal: true as const }),
        ...(event.kind === "assigned"
          ? {
              from: nameOf(names, event.fromValue),
              to: nameOf(names, event.toValue),
            }
          : event.kind === "changed" && {
              from: event.fromValue,
              to: event.toValue,
            }),
      }));
    },
  };
}

/** Assignment events keep the people's ids; the history shows their current names. */
async function assigneeNames(
  db: Db,
  rows: { event: { fromValue: string | null; toValue: string | null } }[],
) {
  const ids = [
    ...new Set(rows.flatMap(({ event }) => [event.fromValue, event.toValue])),
  ]
    .filter((id) => id !== null)
    .map(Number);
  if (ids.length === 0) return new Map<string, string>();
  const found = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(found.map((user) => [String(user.id), user.name]));
}

const nameOf = (names: Map<string, string>, id: string | null) =>
  id === null ? null : (names.get(id) ?? `#${id}`);
