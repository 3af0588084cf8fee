import { createRoute, Link } from "@tanstack/react-router";
import { TicketId } from "../../contract/tickets.js";
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
  return (
    <div className="page">
      <p>
        <Link to="/">← All tickets</Link>
      </p>
      <div className="panel">
        <TicketDetails
          id={id}
          view={me.role === "requester" ? "requester" : "agent"}
        />
      </div>
      <div className="panel">
        <TicketHistory id={id} />
      </div>
    </div>
  );
}
