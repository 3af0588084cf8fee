import { useQuery } from "@tanstack/react-query";
import { createRoute, Link } from "@tanstack/react-router";
import { TicketId } from "../../contract/tickets.js";
import { ticketOptions } from "../tickets/api.js";
import { TicketDetails } from "../tickets/ticket-details.js";
import { TicketHistory } from "../tickets/ticket-history.js";
import { signedInRoute } from "./signed-in-layout.js";

export const ticketRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/tickets/$id",
  params: {
    parse: (raw) => TicketId.parse(raw),
    stringify: ({ id }) => ({ id: String(id) }),
  },
  component: TicketPage,
});

function TicketPage() {
  const { id } = ticketRoute.useParams();
  const { me } = ticketRoute.useRouteContext();
  // A ticket that cannot be read has no history to show either.
  const found = useQuery(ticketOptions(id)).isSuccess;
  return (
    <div className="page">
      <p>
        <Link to="/">← All tickets</Link>
      </p>
      <div className="panel">
        <TicketDetails
          id={id}
          view={me.role === "requester" ? "requester" : "agent"}
          meId={me.id}
        />
      </div>
      {found && (
        <div className="panel">
          <TicketHistory id={id} />
        </div>
      )}
    </div>
  );
}
