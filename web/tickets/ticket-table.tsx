import { Link } from "@tanstack/react-router";
import type { Ticket, UpdateTicket } from "../../contract/tickets.js";
import { RelativeTime } from "../components/relative-time.js";
import { AssigneeSelect, FieldSelect } from "./ticket-controls.js";

/**
 * The agents' queue: one dense row per ticket, scannable down each column, the fields changeable
 * in place. On phones each row stacks into a small card (see .stack-table).
 */
export function TicketTable({
  tickets,
  meId,
  stale,
  busy,
  onChange,
}: {
  tickets: Ticket[];
  meId: number;
  stale: boolean;
  busy: boolean;
  onChange: (ticket: Ticket, patch: UpdateTicket) => void;
}) {
  return (
    <div className="queue-scroll">
      <table
        className={stale ? "queue stack-table stale" : "queue stack-table"}
        aria-label="Tickets"
        aria-busy={busy}
      >
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Title</th>
            <th scope="col">Requester</th>
            <th scope="col">Assignee</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">Category</th>
            <th scope="col">Age</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.id}>
              <td className="queue-id muted">#{ticket.id}</td>
              <th scope="row" className="queue-title">
                <Link
                  to="/tickets/$id"
                  params={{ id: ticket.id }}
                  data-ticket={ticket.id}
                >
                  {ticket.title}
                </Link>
                <span className="queue-excerpt muted">
                  {ticket.description}
                </span>
              </th>
              <td data-label="Requester">{ticket.requester?.name ?? "—"}</td>
              <td>
                <AssigneeSelect
                  ticket={ticket}
                  meId={meId}
                  onChange={(assignee_id) => onChange(ticket, { assignee_id })}
                />
              </td>
              {(["status", "priority", "category"] as const).map((field) => (
                <td key={field}>
                  <FieldSelect
                    field={field}
                    ticket={ticket}
                    onChange={(patch) => onChange(ticket, patch)}
                  />
                </td>
              ))}
              <td data-label="Age">
                <RelativeTime iso={ticket.created_at} />
              </td>
              <td data-label="Updated">
                <RelativeTime iso={ticket.updated_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
