import type { Ticket, UpdateTicket } from "../../contract/tickets.js";
import { EnumOptions } from "../components/enum-options.js";
import { useUpdateTicket } from "./api.js";
import { categoryLabels, priorityLabels, statusLabels } from "./labels.js";

/** Who looks at a ticket: agents change every field, requesters only close or reopen their own. */
export type TicketView = "agent" | "requester";

export function TicketControls({
  ticket,
  view,
}: {
  ticket: Ticket;
  view: TicketView;
}) {
  const update = useUpdateTicket(ticket.id);
  const change = (patch: UpdateTicket) => update.mutate(patch);
  const done = ticket.status === "resolved" || ticket.status === "closed";
  return (
    <div className="ticket-actions">
      {view === "agent" ? (
        <div className="ticket-controls">
          <InlineSelect
            label="Status"
            ticket={ticket}
            labels={statusLabels}
            value={ticket.status}
            onChange={(status) => change({ status })}
          />
          <InlineSelect
            label="Category"
            ticket={ticket}
            labels={categoryLabels}
            value={ticket.category}
            onChange={(category) => change({ category })}
          />
          <InlineSelect
            label="Priority"
            ticket={ticket}
            labels={priorityLabels}
            value={ticket.priority}
            onChange={(priority) => change({ priority })}
          />
        </div>
      ) : (
        <button
          type="button"
          disabled={update.isPending}
          onClick={() => change({ status: done ? "open" : "closed" })}
        >
          {done ? "Reopen ticket" : "Close ticket"}
        </button>
      )}
      {update.isError && (
        <p role="alert" className="error">
          Change not saved: {update.error.message}
        </p>
      )}
    </div>
  );
}

function InlineSelect<T extends string>(props: {
  label: string;
  ticket: Ticket;
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <label className="inline-select">
      <span className="visually-hidden">
        {props.label} of ticket #{props.ticket.id}
      </span>
      <span aria-hidden="true" className="muted">
        {props.label}
      </span>
      <select
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        <EnumOptions labels={props.labels} />
      </select>
    </label>
  );
}
