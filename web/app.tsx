import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorBoundary } from "./components/error-boundary.js";
import { StatsPanel } from "./tickets/stats-panel.js";
import { TicketFilters } from "./tickets/ticket-filters.js";
import { TicketForm } from "./tickets/ticket-form.js";
import { TicketList } from "./tickets/ticket-list.js";
import { useUrlFilters } from "./tickets/use-url-filters.js";

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: 1 },
      mutations: { retry: false },
    },
  });
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <Page />
    </QueryClientProvider>
  );
}

function Page() {
  const [filters, setFilters] = useUrlFilters();
  return (
    <>
      <a className="skip-link" href="#tickets">
        Skip to tickets
      </a>
      <header className="app-header">
        <h1>Ticketdesk</h1>
        <p className="muted">Support tickets with AI triage</p>
      </header>
      <main className="layout">
        <div className="side">
          <div className="panel">
            <ErrorBoundary region="the new ticket form">
              <TicketForm />
            </ErrorBoundary>
          </div>
          <div className="panel stats-panel">
            <ErrorBoundary region="the statistics">
              <StatsPanel listFilters={filters} />
            </ErrorBoundary>
          </div>
        </div>
        <section
          className="panel tickets"
          id="tickets"
          aria-labelledby="tickets-heading"
        >
          <h2 id="tickets-heading">Tickets</h2>
          <ErrorBoundary region="the ticket list">
            <TicketFilters filters={filters} onChange={setFilters} />
            <TicketList filters={filters} />
          </ErrorBoundary>
        </section>
      </main>
    </>
  );
}
