import { useEffect, useRef } from "react";
import type { Ticket, UpdateTicket } from "../../contract/tickets.js";
import { categoryLabels, priorityLabels, statusLabels } from "./labels.js";

/** A change that took a ticket out of the list, with what it was before (for Undo). */
export type Left = { before: Ticket; after: Ticket; patch: UpdateTicket };

/** What the change made of the ticket, in words: "is now Resolved", "is now assigned to Ann". */
function where({ after, patch }: Left): string {
  const parts: string[] = [];
  if (patch.status) parts.push(statusLabels[after.status]);
  if (patch.priority) parts.push(`${priorityLabels[after.priority]} priority`);
  if (patch.category) parts.push(categoryLabels[after.category]);
  if (patch.assignee_id !== undefined)
    parts.push(
      after.assignee ? `assigned to ${after.assignee.name}` : "unassigned",
    );
  return parts.join(", ");
}

/** The patch that puts back what `patch` changed. */
export function undoPatch({ before, patch }: Left): UpdateTicket {
  const undo: UpdateTicket = {};
  if (patch.status) undo.status = before.status;
  if (patch.priority) undo.priority = before.priority;
  if (patch.category) undo.category = before.category;
  if (patch.assignee_id !== undefined)
    undo.assignee_id = before.assignee?.id ?? null;
  return undo;
}

/**
 * Says where a ticket went when a change took it out of the list, and offers Undo. Focus moves to
 * Undo, so that it never falls to the page's body when the focused row disappears.
 */
export function LeftNotice({
  left,
  onUndo,
  onDismiss,
}: {
  left: Left;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => undo.current?.focus(), [left]);
  return (
    <div role="status" className="left-notice">
      <span>
        Ticket #{left.after.id} is now {where(left)} and left this list.
      </span>
      <button type="button" ref={undo} onClick={onUndo}>
        Undo
      </button>
      <button type="button" className="link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
