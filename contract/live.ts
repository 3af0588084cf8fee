import { z } from "zod";

/**
 * The events of the live stream (GET /api/events, Server-Sent Events). Each is a hint to refetch
 * what it names; a client may, rarely, get one twice. `ready` (data `{}`) ends the start of a
 * stream: what follows is live. `reset` (data `{}`): events may have been missed (a resume from
 * too far back, or the server lost its database connection), so refetch everything.
 */
export const LIVE_EVENTS = ["ready", "ticket", "message", "reset"] as const;
export type LiveEventName = (typeof LIVE_EVENTS)[number];

/** What changed on a ticket: its fields, `assignee` for an assignment. */
export const TICKET_FIELDS = [
  "title",
  "description",
  "category",
  "priority",
  "status",
  "assignee",
] as const;

/** `ticket`: a ticket the person may see was created (`created`) or changed. */
export const LiveTicket = z.object({
  id: z.number().int(),
  created: z.boolean(),
  fields: z.array(z.enum(TICKET_FIELDS)),
});
export type LiveTicket = z.infer<typeof LiveTicket>;

/** `message`: a message on a ticket the person may see (internal notes only to agents). */
export const LiveMessage = z.object({
  ticket_id: z.number().int(),
  id: z.number().int(),
});
export type LiveMessage = z.infer<typeof LiveMessage>;
