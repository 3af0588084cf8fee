import type { ReactNode } from "react";
import type { Message } from "../../contract/messages.js";
import { RelativeTime } from "../components/relative-time.js";
import { MessageText } from "./message-text.js";

/**
 * One message of a conversation: who wrote it, when, and whether it is an internal note (marked in
 * words and colour, so that it is never mistaken for a reply the customer saw). `opening` is the
 * ticket's description, shown as the first message.
 */
export function MessageItem({
  message,
  opening = false,
  extra,
}: {
  message: Message;
  opening?: boolean;
  /** Shown in the heading, before the time. */
  extra?: ReactNode;
}) {
  const kind = message.internal ? "note" : "reply";
  const headingId = `message-${opening ? "opening" : message.id}`;
  return (
    <article
      className={`message message-${kind}${message.author.role === "requester" ? " message-customer" : ""}`}
      aria-labelledby={headingId}
    >
      <header className="message-head">
        <h3 id={headingId} className="message-author">
          {message.author.name}
          <span className="visually-hidden">
            {message.internal
              ? ", internal note"
              : opening
                ? ", opened the ticket"
                : ""}
          </span>
        </h3>
        <span className="muted">{roleLabel(message.author.role)}</span>
        {message.internal && (
          <span className="note-tag" aria-hidden="true">
            Internal note · agents only
          </span>
        )}
        {extra}
        <span className="muted message-time">
          <RelativeTime iso={message.created_at} />
        </span>
      </header>
      <MessageText body={message.body} />
    </article>
  );
}

function roleLabel(role: Message["author"]["role"]): string {
  return role === "requester" ? "Customer" : "Support";
}
