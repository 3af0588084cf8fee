import { useId, useState, type FormEvent } from "react";
import { ApiError } from "../lib/api-client.js";
import { usePostMessage } from "./api.js";

/** Where the `r` shortcut puts the cursor. */
export const REPLY_BOX_ID = "reply-body";

/**
 * Writes on a ticket: agents choose a public reply or an internal note (the box turns the notes'
 * colour, so the choice is always in sight); a requester only replies. Ctrl+Enter sends. A failed
 * send keeps the text.
 */
export function ReplyBox({
  ticketId,
  agent,
  reopens = false,
  onPosted,
}: {
  ticketId: number;
  agent: boolean;
  /** The ticket is resolved or closed and a requester's reply opens it again. */
  reopens?: boolean;
  onPosted?: () => void;
}) {
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const post = usePostMessage(ticketId, onPosted);
  const hintId = useId();
  const errorId = useId();
  const fieldError =
    post.error instanceof ApiError ? post.error.fields.body?.[0] : undefined;

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (post.isPending || !body.trim()) return;
    post.mutate(
      { body, ...(agent && { internal }) },
      { onSuccess: () => setBody("") },
    );
  };
  const note = agent && internal;
  return (
    <form
      className={note ? "reply-box reply-note" : "reply-box"}
      aria-label="Reply"
      onSubmit={send}
    >
      {agent && (
        <fieldset className="reply-kind">
          <legend className="visually-hidden">Kind of message</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="kind"
              checked={!internal}
              onChange={() => setInternal(false)}
            />
            Public reply
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="kind"
              checked={internal}
              onChange={() => setInternal(true)}
            />
            Internal note
          </label>
        </fieldset>
      )}
      <label htmlFor={REPLY_BOX_ID} className="field-label">
        {note ? "Internal note (agents only)" : "Your reply"}
      </label>
      <textarea
        id={REPLY_BOX_ID}
        rows={4}
        value={body}
        aria-keyshortcuts="r"
        aria-describedby={`${hintId}${fieldError ? ` ${errorId}` : ""}`}
        aria-invalid={fieldError ? true : undefined}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) send();
        }}
      />
      <p id={hintId} className="field-hint muted">
        {note
          ? "Only agents see this note; the customer is not told."
          : reopens
            ? "Replying opens this ticket again."
            : agent
              ? "The customer sees this reply."
              : "Support sees your reply on this ticket."}{" "}
        Ctrl+Enter sends.
      </p>
      {post.isError && (
        <p id={errorId} role="alert" className="error">
          {fieldError ?? `Not sent: ${post.error.message}`}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={post.isPending || !body.trim()}
        >
          {post.isPending
            ? "Sending…"
            : note
              ? "Add internal note"
              : "Send reply"}
        </button>
      </div>
    </form>
  );
}
