import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { TicketFilters } from "../../contract/tickets.js";
import { ticketListOptions } from "./api.js";
import type { TicketView } from "./ticket-controls.js";
import { TicketItem } from "./ticket-item.js";

/** Newest first; the next page loads when the end of the list scrolls into view (or on the button). */
export function TicketList({
  filters,
  view,
}: {
  filters: TicketFilters;
  view: TicketView;
}) {
  // While new filters load, the previous tickets stay (dimmed) instead of the list blinking away.
  const query = useInfiniteQuery({
    ...ticketListOptions(filters),
    placeholderData: keepPreviousData,
  });
  const tickets = query.data?.pages.flatMap((page) => page.tickets) ?? [];
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  // After a failed page, loading more waits for the button instead of retrying on every scroll.
  const autoLoad = hasNextPage && !query.isFetchNextPageError;

  useEffect(() => {
    const target = end.current;
    if (!target || !autoLoad || typeof IntersectionObserver === "undefined")
      return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage)
          void fetchNextPage();
      },
      { rootMargin: "400px" },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [autoLoad, isFetchingNextPage, fetchNextPage]);

  if (query.isPending)
    return (
      <p role="status" className="muted placeholder">
        Loading tickets…
      </p>
    );
  if (query.isError && !tickets.length)
    return (
      <div role="alert" className="placeholder">
        <p>Could not load tickets: {query.error.message}</p>
        <button type="button" onClick={() => void query.refetch()}>
          Retry
        </button>
      </div>
    );
  if (!tickets.length)
    return (
      <p role="status" className="muted placeholder">
        {Object.values(filters).some(Boolean)
          ? "No tickets match these filters."
          : "No tickets yet. Submit the first one above."}
      </p>
    );

  return (
    <>
      <ul
        className={
          query.isPlaceholderData ? "ticket-list stale" : "ticket-list"
        }
        aria-label="Tickets"
        aria-busy={query.isFetching}
      >
        {tickets.map((ticket) => (
          <li key={ticket.id}>
            <TicketItem ticket={ticket} view={view} />
          </li>
        ))}
      </ul>
      <div ref={end} className="list-end">
        {query.isFetchNextPageError && (
          <p role="alert" className="error">
            Could not load more tickets: {query.error?.message}
          </p>
        )}
        {hasNextPage ? (
          <button
            type="button"
            disabled={isFetchingNextPage}
            onClick={() => void fetchNextPage()}
          >
            {isFetchingNextPage ? "Loading more…" : "Load more tickets"}
          </button>
        ) : (
          <p className="muted">
            {tickets.length === 1 ? "1 ticket" : `${tickets.length} tickets`}{" "}
            shown — that is all.
          </p>
        )}
      </div>
    </>
  );
}
