import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Ticket } from "../../contract/tickets.js";
import { RelativeTime } from "../components/relative-time.js";
import { ApiError } from "../lib/api-client.js";
import { ticketOptions, useUpdateTicket } from "./api.js";
import { TicketBadges } from "./ticket-badges.js";
import { TicketControls, type TicketView } from "./ticket-controls.js";

/** One ticket's fields, with the controls the viewer may use. */
export function TicketDetails({
  id,
  view,
  meId,
}: {
  id: number;
  view: TicketView;
  meId: number;
}) {
  const query = useQuery(ticketOptions(id));
  const update = useUpdateTicket(meId);
  if (query.isPending)
    return (
      <p role="status" className="muted">
        Loading ticket…
      </p>
    );
  if (query.isError)
    return (
      <div role="alert">
        <h1>Ticket #{id}</h1>
        <p>
          {query.error instanceof ApiError && query.error.status === 404
            ? "There is no such ticket, or it is not yours to see."
            : `Could not load the ticket: ${query.error.message}`}
        </p>
      </div>
    );
  const ticket = query.data;
  return (
    <article className="ticket-page" aria-labelledby="ticket-title">
      <header className="ticket-head">
        <h1 id="ticket-title">
          <span className="muted">#{ticket.id}</span> {ticket.title}
        </h1>
        <TicketBadges ticket={ticket} />
      </header>
      <p className="ticket-description">{ticket.description}</p>
      <dl className="ticket-facts">
        <Fact label="Requester" value={personOf(ticket.requester)} />
        <Fact label="Assignee" value={personOf(ticket.assignee)} />
        <Fact
          label="Created"
          value={<RelativeTime iso={ticket.created_at} />}
        />
        <Fact
          label="Updated"
          value={<RelativeTime iso={ticket.updated_at} />}
        />
      </dl>
      <TicketControls
        ticket={ticket}
        view={view}
        meId={meId}
        busy={update.isPending}
        onChange={(patch) => update.mutate({ id, patch })}
      />
      {update.isError && (
        <p role="alert" className="error">
          Change not saved: {update.error.message}
        </p>
      )}
    </article>
  );
}

const personOf = (person: Ticket["requester"]) =>
  person ? (
    <>
      {person.name}
      <br />
      <span className="muted">{person.email}</span>
    </>
  ) : (
    "Nobody"
  );

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
