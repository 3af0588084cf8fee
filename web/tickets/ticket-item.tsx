import { Link } from "@tanstack/react-router";
import { useState } from "react";
import type { Ticket, UpdateTicket } from "../../contract/tickets.js";
import { RelativeTime } from "../components/relative-time.js";
import { TicketBadges } from "./ticket-badges.js";
import { TicketControls, type TicketView } from "./ticket-controls.js";

const EXCERPT = 160;

export function TicketItem({
  ticket,
  view,
  meId,
  onChange,
}: {
  ticket: Ticket;
  view: TicketView;
  meId: number;
  onChange: (patch: UpdateTicket) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const long = ticket.description.length > EXCERPT;
  const text =
    expanded || !long
      ? ticket.description
      : `${ticket.description.slice(0, EXCERPT).trimEnd()}…`;

  return (
    <article className="ticket" aria-labelledby={`ticket-${ticket.id}-title`}>
      <header className="ticket-head">
        <h3 id={`ticket-${ticket.id}-title`}>
          <Link
            to="/tickets/$id"
            params={{ id: ticket.id }}
            data-ticket={ticket.id}
          >
            {ticket.title}
          </Link>
        </h3>
        <TicketBadges ticket={ticket} />
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
          {view === "agent" && ticket.requester && (
            <> · from {ticket.requester.name}</>
          )}
          {ticket.assignee && <> · assigned to {ticket.assignee.name}</>}
        </span>
        <TicketControls
          ticket={ticket}
          view={view}
          meId={meId}
          onChange={onChange}
        />
      </footer>
    </article>
  );
}
