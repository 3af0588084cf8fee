import type {
  LiveEventName,
  LiveMessage,
  LiveTicket,
} from "../../contract/live.js";
import type { Actor } from "../http/route.js";
import type { LiveRow } from "./repo.js";

export type LiveEvent =
  | { event: "ticket"; data: LiveTicket }
  | { event: "message"; data: LiveMessage };

/** A requester hears of their own tickets only, never of internal notes; agents and admins of all. */
export function mayHear(actor: Actor, row: LiveRow): boolean {
  return (
    actor.user.role !== "requester" ||
    (row.requesterId === actor.user.id && !row.internal)
  );
}

/**
 * The events `actor` may hear of among `rows` (oldest first): one `message` per message, and one
 * `ticket` per run of changes to the same ticket (a PATCH of three fields is one event).
 */
export function toEvents(rows: LiveRow[], actor: Actor): LiveEvent[] {
  const events: LiveEvent[] = [];
  for (const row of rows) {
    if (!mayHear(actor, row)) continue;
    if (row.kind === "message") {
      events.push({
        event: "message",
        data: { ticket_id: row.ticketId, id: row.messageId! },
      });
      continue;
    }
    const last = events.at(-1);
    const ticket =
      last?.event === "ticket" && last.data.id === row.ticketId
        ? last.data
        : undefined;
    const fields = ticket?.fields ?? [];
    const field = row.kind === "assigned" ? "assignee" : row.field;
    if (field && !fields.includes(field as never))
      fields.push(field as LiveTicket["fields"][number]);
    if (ticket) ticket.created ||= row.kind === "created";
    else
      events.push({
        event: "ticket",
        data: { id: row.ticketId, created: row.kind === "created", fields },
      });
  }
  return events;
}

/** One event in the text/event-stream format; `id` becomes the client's Last-Event-ID. */
export function format(
  event: LiveEventName,
  data: object,
  id?: number,
): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const HEARTBEAT = ": heartbeat\n\n";
