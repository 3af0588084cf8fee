import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Message } from "../../contract/messages.js";
import { messagesOptions } from "./api.js";
import { MessageItem } from "./message-item.js";

/**
 * A ticket's conversation, oldest first, opening with its description. The server leaves internal
 * notes out for a requester; here they are marked for the agents who see them.
 */
export function Conversation({
  ticketId,
  opening,
  messageExtra,
}: {
  ticketId: number;
  opening: Message;
  /** More to say about a message in its heading (e.g. its e-mail); `opening` for the description. */
  messageExtra?: (message: Message, opening: boolean) => ReactNode;
}) {
  const query = useQuery(messagesOptions(ticketId));
  return (
    <section aria-labelledby="conversation-heading" className="conversation">
      <h2 id="conversation-heading">Conversation</h2>
      <ol className="messages" aria-label="Conversation">
        <li>
          <MessageItem
            message={opening}
            opening
            extra={messageExtra?.(opening, true)}
          />
        </li>
        {query.data?.map((message) => (
          <li key={message.id}>
            <MessageItem
              message={message}
              extra={messageExtra?.(message, false)}
            />
          </li>
        ))}
      </ol>
      {query.isPending && (
        <p role="status" className="muted">
          Loading the conversation…
        </p>
      )}
      {query.isError && (
        <div role="alert">
          <p className="error">
            Could not load the conversation: {query.error.message}
          </p>
          <button type="button" onClick={() => void query.refetch()}>
            Retry
          </button>
        </div>
      )}
    </section>
  );
}
