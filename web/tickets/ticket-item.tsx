import { useState } from "react";
import type { Ticket, UpdateTicket } from "../../contract/tickets.js";
import { Badge } from "../components/badge.js";
import { useUpdateTicket } from "./api.js";
import { EnumOptions } from "./enum-options.js";
import { categoryLabels, priorityLabels, statusLabels } from "./labels.js";
import { RelativeTime } from "./relative-time.js";

const EXCERPT = 160;

export function TicketItem({ ticket }: { ticket: Ticket }) {
  const [expanded, setExpanded] = useState(false);
  const update = useUpdateTicket(ticket.id);
  const long = ticket.description.length > EXCERPT;
  const text =
    expanded || !long
      ? ticket.description
      : `${ticket.description.slice(0, EXCERPT).trimEnd()}…`;
  const change = (patch: UpdateTicket) => update.mutate(patch);

  return (
    <article className="ticket" aria-labelledby={`ticket-${ticket.id}-title`}>
      <header className="ticket-head">
        <h3 id={`ticket-${ticket.id}-title`}>{ticket.title}</h3>
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
      </header>
      <p className="ticket-description">{text}</p>
      {long && (
        <button
          type="button"
          className="link"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? "Show less" : "Show more"}
        </button>
      )}
      <footer className="ticket-foot">
        <span className="muted">
          #{ticket.id} · created <RelativeTime iso={ticket.created_at} />
        </span>
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
      </footer>
      {update.isError && (
        <p role="alert" className="error">
          Change not saved: {update.error.message}
        </p>
      )}
    </article>
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
