import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Delivery } from "../../contract/mail.js";
import { ticketMailOptions } from "./api.js";

const WORDS: Record<Delivery["status"], string> = {
  sent: "E-mail sent",
  pending: "E-mail pending",
  failed: "E-mail failed",
};

/**
 * What e-mail did with one message: whether it came in by e-mail, and whether the mail it sent
 * out was sent, is pending or failed (with the reason, for agents). Nothing when mail played no part.
 * All messages of a ticket share one request.
 */
export function MessageMail({
  ticketId,
  messageId,
  createdAt,
}: {
  ticketId: number;
  /** null: the ticket's opening (its description). */
  messageId: number | null;
  createdAt: string;
}) {
  const query = useQuery(ticketMailOptions(ticketId));
  const { data, dataUpdatedAt, refetch } = query;
  // A message newer than the last look may have mail the page has not heard of yet.
  const newer = data !== undefined && Date.parse(createdAt) > dataUpdatedAt;
  useEffect(() => {
    if (newer) void refetch();
  }, [newer, refetch]);
  if (!data) return null;
  const inbound = data.inbound.some((m) => m.message_id === messageId);
  // A notification (resolved, assigned, acknowledgement) belongs to no message, not to the opening.
  const deliveries =
    messageId === null
      ? []
      : data.deliveries.filter((d) => d.message_id === messageId);
  const files = data.attachments.filter((a) => a.message_id === messageId);
  if (!inbound && deliveries.length === 0) return null;
  return (
    <span className="message-mail">
      {inbound && <span className="mail-tag">By e-mail</span>}
      {deliveries.map((delivery) => (
        <span
          key={delivery.id}
          className={`mail-tag mail-${delivery.status}`}
          title={describe(delivery)}
        >
          {WORDS[delivery.status]}
          <span className="visually-hidden">: {describe(delivery)}</span>
        </span>
      ))}
      {files.length > 0 && (
        <span className="mail-files">
          <span className="visually-hidden">Attachments: </span>
          {files.map((file) =>
            file.stored ? (
              <a
                key={file.id}
                href={`/api/tickets/${ticketId}/attachments/${file.id}`}
                download={file.filename}
              >
                {file.filename} ({size(file.size)})
              </a>
            ) : (
              <span key={file.id} className="muted">
                {file.filename} ({size(file.size)}, too large: not kept)
              </span>
            ),
          )}
        </span>
      )}
    </span>
  );
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describe(delivery: Delivery): string {
  const to = `to ${delivery.to.email}`;
  if (delivery.status === "sent") return to;
  const reason = delivery.error ? ` (${delivery.error})` : "";
  if (delivery.status === "failed") return `${to}, gave up${reason}`;
  const next = delivery.next_attempt_at
    ? `, next try ${new Date(delivery.next_attempt_at).toLocaleTimeString()}`
    : "";
  return `${to}${delivery.attempts > 0 ? `, tried ${delivery.attempts}×${next}${reason}` : ""}`;
}
