import { z } from "zod";
import { Role } from "./people.js";
import { visibleText } from "./text.js";

export const MESSAGE_MAX = 100_000;

/** One reply or internal note on a ticket; the conversation lists them oldest first. */
export const Message = z.object({
  id: z.number().int(),
  ticket_id: z.number().int(),
  author: z.object({ id: z.number().int(), name: z.string(), role: Role }),
  body: z.string(),
  /** An agents-only note: never shown to the requester. */
  internal: z.boolean(),
  created_at: z.iso.datetime({ offset: true }),
});
export type Message = z.infer<typeof Message>;
export const MessageList = z.array(Message);

export const CreateMessage = z.strictObject({
  body: visibleText("Message", MESSAGE_MAX),
  /** Agents only: a note the requester never sees. */
  internal: z.boolean().optional(),
});
export type CreateMessage = z.input<typeof CreateMessage>;
