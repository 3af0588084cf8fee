import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createRoute,
  Link,
  useLocation,
  useRouter,
} from "@tanstack/react-router";
import { useEffect } from "react";
import type { Message } from "../../contract/messages.js";
import type { Ticket } from "../../contract/tickets.js";
import { TicketId } from "../../contract/tickets.js";
import { Conversation } from "../conversations/conversation.js";
import { REPLY_BOX_ID, ReplyBox } from "../conversations/reply-box.js";
import { ApiError } from "../lib/api-client.js";
import { isLive } from "../lib/live.js";
import { inField, useShortcuts } from "../lib/shortcuts.js";
import { AutomaticMail } from "../mail/automatic-mail.js";
import { MessageMail } from "../mail/message-mail.js";
import { ticketKeys, ticketOptions } from "../tickets/api.js";
import { TicketBadges } from "../tickets/ticket-badges.js";
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

/** The ticket's description, shown as the first message of its conversation. */
const openingOf = (ticket: Ticket): Message => ({
  id: 0,
  ticket_id: ticket.id,
  author: {
    id: ticket.requester?.id ?? 0,
    name: ticket.requester?.name ?? "Unknown requester",
    role: "requester",
  },
  body: ticket.description,
  internal: false,
  created_at: ticket.created_at,
});

/**
 * One ticket: its conversation and the reply box, with its fields and history beside them (below
 * them on phones). A requester sees the same page without internal notes or agents' controls.
 */
function TicketPage() {
  const { id } = ticketRoute.useParams();
  const { me } = ticketRoute.useRouteContext();
  const queryClient = useQueryClient();
  const query = useQuery(ticketOptions(id));
  const view = me.role === "requester" ? "requester" : "agent";
  const router = useRouter();
  const loaded = query.isSuccess;
  const focusReply = () => document.getElementById(REPLY_BOX_ID)?.focus();
  // From the list's `r`: the reply box is ready as soon as the ticket is there.
  const hash = useLocation({ select: (location) => location.hash });
  useEffect(() => {
    if (loaded && hash === "reply") focusReply();
  }, [loaded, hash]);
  useShortcuts({ r: focusReply });
  // Esc leaves the field being typed in, then (again) goes back to the list.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (document.querySelector("dialog[open]")) return;
      if (inField(event.target)) (event.target as HTMLElement).blur();
      else if (window.history.length > 1) router.history.back();
      else void router.navigate({ to: "/" });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [router]);
  const back = (
    <p className="back-link">
      <Link to="/">← All tickets</Link>
    </p>
  );
  if (query.isPending)
    return (
      <div className="page">
        {back}
        <p role="status" className="muted">
          Loading ticket…
        </p>
      </div>
    );
  if (query.isError)
    return (
      <div className="page">
        {back}
        <div role="alert" className="panel">
          <h1>Ticket #{id}</h1>
          <p>
            {query.error instanceof ApiError && query.error.status === 404
              ? "There is no such ticket, or it is not yours to see."
              : `Could not load the ticket: ${query.error.message}`}
          </p>
        </div>
      </div>
    );
  const ticket = query.data;
  const done = ticket.status === "resolved" || ticket.status === "closed";
  return (
    <div className="ticket-page">
      {back}
      <header className="ticket-head ticket-page-head">
        <h1 id="ticket-title">
          <span className="muted">#{ticket.id}</span> {ticket.title}
        </h1>
        <TicketBadges ticket={ticket} />
      </header>
      <div className="ticket-main panel">
        <Conversation
          ticketId={id}
          opening={openingOf(ticket)}
          messageExtra={(message, opening) => (
            <MessageMail
              ticketId={id}
              messageId={opening ? null : message.id}
              createdAt={message.created_at}
            />
          )}
        />
        <ReplyBox
          ticketId={id}
          agent={view === "agent"}
          reopens={view === "requester" && done}
          onPosted={() => {
            // The stream's message event refreshes the ticket (last activity, a reopening).
            if (!isLive(queryClient))
              void queryClient.invalidateQueries({
                queryKey: ticketKeys.one(id),
              });
          }}
        />
      </div>
      <aside className="ticket-side" aria-label="Ticket details">
        <div className="panel">
          <TicketDetails ticket={ticket} view={view} meId={me.id} />
        </div>
        <div className="panel">
          <TicketHistory id={id} />
        </div>
        {view === "agent" && (
          <div className="panel panel-optional">
            <AutomaticMail ticketId={id} />
          </div>
        )}
      </aside>
    </div>
  );
}
