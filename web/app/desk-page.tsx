import { createRoute } from "@tanstack/react-router";
import { useCallback } from "react";
import { ErrorBoundary } from "../components/error-boundary.js";
import {
  filtersFromSearch,
  filtersOf,
  type ListView,
} from "../tickets/filters-from-search.js";
import { StatsPanel } from "../tickets/stats-panel.js";
import { TicketFilters } from "../tickets/ticket-filters.js";
import { TicketForm } from "../tickets/ticket-form.js";
import { TicketList } from "../tickets/ticket-list.js";
import { NewTicketPanel } from "./new-ticket-panel.js";
import { signedInRoute } from "./signed-in-layout.js";

/** Agents: the desk (form, list, statistics). Requesters: their own tickets and the form. */
export const deskRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/",
  validateSearch: filtersFromSearch,
  component: DeskPage,
});

function DeskPage() {
  const { me } = deskRoute.useRouteContext();
  const filters = deskRoute.useSearch();
  const navigate = deskRoute.useNavigate();
  // A new history entry per change, so that Back steps through the filters.
  const setFilters = useCallback(
    (next: ListView) => void navigate({ search: next }),
    [navigate],
  );
  const view = me.role === "requester" ? "requester" : "agent";
  const form = (
    <ErrorBoundary region="the new ticket form">
      <TicketForm meId={me.id} />
    </ErrorBoundary>
  );
  const heading = (
    <h2 id="tickets-heading">{view === "agent" ? "Tickets" : "My tickets"}</h2>
  );
  const tickets = (
    <section
      className="panel tickets"
      id="tickets"
      aria-labelledby="tickets-heading"
    >
      {view === "agent" ? (
        <NewTicketPanel heading={heading}>{form}</NewTicketPanel>
      ) : (
        heading
      )}
      <ErrorBoundary region="the ticket list">
        <TicketFilters filters={filters} onChange={setFilters} view={view} />
        <TicketList filters={filters} view={view} meId={me.id} />
      </ErrorBoundary>
    </section>
  );
  if (view === "requester")
    return (
      <div className="layout">
        <h1 className="visually-hidden">My tickets</h1>
        <div className="side">
          <div className="panel">{form}</div>
        </div>
        {tickets}
      </div>
    );
  // Agents: the statistics first (reachable on a phone without scrolling the list), filing a
  // ticket one click away, and the queue across the whole width.
  return (
    <div className="desk">
      <h1 className="visually-hidden">Ticket desk</h1>
      <div className="panel stats-panel">
        <ErrorBoundary region="the statistics">
          <StatsPanel listFilters={filtersOf(filters)} />
        </ErrorBoundary>
      </div>
      {tickets}
    </div>
  );
}
