import type { Delivery } from "../../contract/mail.js";
import type { OutboxRepo } from "./outbox-repo.js";

type Row = Awaited<ReturnType<OutboxRepo["list"]>>[number];

export function toDelivery({ mail, recipient }: Row): Delivery {
  return {
    id: mail.id,
    ticket_id: mail.ticketId,
    kind: mail.kind,
    message_id: mail.messageId,
    to: recipient,
    status: mail.status,
    attempts: mail.attempts,
    created_at: mail.createdAt.toISOString(),
    sent_at: mail.sentAt?.toISOString() ?? null,
    next_attempt_at:
      mail.status === "pending" ? mail.nextAttemptAt.toISOString() : null,
    error: mail.lastError,
  };
}
