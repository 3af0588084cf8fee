import { z } from "zod";

export const ACTOR_KINDS = ["user", "ai", "system"] as const;
export const EVENT_KINDS = [
  "created",
  "changed",
  "assigned",
  "message",
] as const;

/** One entry of a ticket's history, oldest first. */
export const TicketEvent = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  actor: z.object({
    kind: z.enum(ACTOR_KINDS),
    id: z.number().int().optional(),
    name: z.string().optional(),
  }),
  kind: z.enum(EVENT_KINDS),
  field: z.string().optional(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  /** On an internal note's event: agents see it as a note (requesters never get these events). */
  internal: z.literal(true).optional(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;
export const TicketEventList = z.array(TicketEvent);
