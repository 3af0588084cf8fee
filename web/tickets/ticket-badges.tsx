import type { Ticket } from "../../contract/tickets.js";
import { Badge } from "../components/badge.js";
import { categoryLabels, priorityLabels, statusLabels } from "./labels.js";

export function TicketBadges({ ticket }: { ticket: Ticket }) {
  return (
    <div className="ticket-badges">
      <Badge kind="category" value={ticket.category}>
        {categoryLabels[ticket.category]}
      </Badge>
      <Badge kind="priority" value={ticket.priority}>
        {priorityLabels[ticket.priority]}
      </Badge>
      <Badge kind="status" value={ticket.status}>
        {statusLabels[ticket.status]}
      </Badge>
    </div>
  );
}
