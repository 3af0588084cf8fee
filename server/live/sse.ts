import type {
  LiveEventName,
  LiveMessage,
  LiveTicket,
} from "../../contract/live.js";
import type { Actor } from "../http/route.js";
import type { LiveRow } from "./repo.js";

type TicketField = LiveTicket["fields"][number];

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

/** The ticket field a history row changed: `assignee` for an assignment, none for a creation. */
function fieldOf(row: LiveRow): TicketField | undefined {
  if (row.kind === "assigned") return "assignee";
  return row.kind === "changed" ? (row.field as TicketField) : undefined;
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
    let ticket = last?.event === "ticket" ? last.data : undefined;
    if (ticket?.id !== row.ticketId) {
      ticket = { id: row.ticketId, created: false, fields: [] };
      events.push({ event: "ticket", data: ticket });
    }
    ticket.created ||= row.kind === "created";
    const field = fieldOf(row);
    if (field && !ticket.fields.includes(field)) ticket.fields.push(field);
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
