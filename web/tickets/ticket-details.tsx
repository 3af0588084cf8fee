import type { ReactNode } from "react";
import type { Ticket } from "../../contract/tickets.js";
import { RelativeTime } from "../components/relative-time.js";
import { useUpdateTicket } from "./api.js";
import { TicketControls, type TicketView } from "./ticket-controls.js";

/** One ticket's fields beside its conversation, with the controls the viewer may use. */
export function TicketDetails({
  ticket,
  view,
  meId,
}: {
  ticket: Ticket;
  view: TicketView;
  meId: number;
}) {
  const update = useUpdateTicket(meId);
  return (
    <section aria-labelledby="details-heading" className="ticket-details">
      <h2 id="details-heading">Details</h2>
      <TicketControls
        ticket={ticket}
        view={view}
        meId={meId}
        busy={update.isPending}
        onChange={(patch) => update.mutate({ id: ticket.id, patch })}
      />
      {update.isError && (
        <p role="alert" className="error">
          Change not saved: {update.error.message}
        </p>
      )}
      <dl className="ticket-facts">
        <Fact label="Requester" value={personOf(ticket.requester)} />
        {view === "requester" && (
          <Fact label="Assignee" value={personOf(ticket.assignee)} />
        )}
        <Fact
          label="Created"
          value={<RelativeTime iso={ticket.created_at} />}
        />
        <Fact
          label="Last activity"
          value={<RelativeTime iso={ticket.updated_at} />}
        />
      </dl>
    </section>
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
