import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import type { Ticket, UpdateTicket } from "../../contract/tickets.js";
import { matchesFilters, ticketListOptions, useUpdateTicket } from "./api.js";
import { useShortcuts } from "../lib/shortcuts.js";
import { filtersOf, type ListView } from "./filters-from-search.js";
import { LeftNotice, undoPatch, type Left } from "./left-notice.js";
import { SearchProgress, searchedSoFar } from "./search-progress.js";
import type { TicketView } from "./ticket-controls.js";
import { TicketItem } from "./ticket-item.js";
import { TicketTable } from "./ticket-table.js";

/** In the view's order; the next page loads when the end of the list scrolls into view (or on the button). */
export function TicketList({
  filters,
  view,
  meId,
}: {
  filters: ListView;
  view: TicketView;
  meId: number;
}) {
  const update = useUpdateTicket(meId);
  const [left, setLeft] = useState<Left | null>(null);
  const change = (before: Ticket, patch: UpdateTicket) =>
    update.mutate(
      { id: before.id, patch },
      {
        onSuccess: (after) =>
          setLeft(
            matchesFilters(after, filters, meId)
              ? null
              : { before, after, patch },
          ),
      },
    );
  // While new filters load, the previous tickets stay (dimmed) instead of the list blinking away.
  const query = useInfiniteQuery({
    ...ticketListOptions(filters),
    placeholderData: keepPreviousData,
  });
  const tickets = query.data?.pages.flatMap((page) => page.tickets) ?? [];
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const searched = searchedSoFar(query.data?.pages);
  // After a failed page, loading more waits for the button instead of retrying on every scroll;
  // so does a search that stopped short of the end of the list (each page is another search).
  const autoLoad =
    hasNextPage && !query.isFetchNextPageError && searched === undefined;
  const searchProgress = searched !== undefined && (
    <SearchProgress
      searched={searched}
      found={tickets.length}
      sort={filters.sort ?? "newest"}
      busy={isFetchingNextPage}
      onContinue={() => void fetchNextPage()}
    />
  );

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

  // j and k move through the tickets (the focus goes to the ticket's link, so Enter opens it);
  // r opens the current one with its reply box ready.
  const rows = useRef<HTMLDivElement>(null);
  // The ticket j and k last went to; if a change took it out of the list, j goes to the one that
  // took its place.
  const current = useRef({ id: "", index: -1 });
  const links = () =>
    Array.from(
      rows.current?.querySelectorAll<HTMLAnchorElement>("a[data-ticket]") ?? [],
    );
  const inRow = (link: HTMLAnchorElement) =>
    link.closest("tr, li")?.contains(document.activeElement) ?? false;
  const move = (step: number) => {
    const all = links();
    if (!all.length) return;
    let to: number;
    const focused = all.findIndex(inRow);
    const last = all.findIndex((l) => l.dataset.ticket === current.current.id);
    if (focused >= 0) to = focused + step;
    else if (last >= 0) to = last + step;
    else if (current.current.index < 0) to = 0;
    else to = current.current.index + (step > 0 ? 0 : step);
    to = Math.min(all.length - 1, Math.max(0, to));
    current.current = { id: all[to]!.dataset.ticket ?? "", index: to };
    all[to]!.focus();
    all[to]!.scrollIntoView({ block: "nearest" });
  };
  const navigate = useNavigate();
  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    r: () => {
      const all = links();
      const link =
        all.find(inRow) ??
        all.find((l) => l.dataset.ticket === current.current.id);
      if (link)
        void navigate({
          to: "/tickets/$id",
          params: { id: Number(link.dataset.ticket) },
          hash: "reply",
        });
    },
  });

  const noticesRef = useRef<HTMLDivElement>(null);
  // The notice goes away with the focus on it: its place (always there) keeps the focus instead
  // of the page's body, and Tab goes on into the list.
  const closeNotice = () => {
    setLeft(null);
    noticesRef.current?.focus();
  };
  const notices = (
    <div className="list-notices" ref={noticesRef} tabIndex={-1}>
      {update.isError && (
        <p role="alert" className="error">
          Change not saved: {update.error.message}
        </p>
      )}
      {left && (
        <LeftNotice
          left={left}
          onUndo={() => {
            update.mutate({ id: left.after.id, patch: undoPatch(left) });
            closeNotice();
          }}
          onDismiss={closeNotice}
        />
      )}
    </div>
  );

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
      <>
        {notices}
        {searchProgress || (
          <p role="status" className="muted placeholder">
            {Object.values(filtersOf(filters)).some(Boolean)
              ? "No tickets match these filters."
              : "No tickets yet. Submit the first one above."}
          </p>
        )}
      </>
    );

  return (
    <>
      {notices}
      <div ref={rows} className="list-rows">
        {view === "agent" ? (
          <TicketTable
            tickets={tickets}
            meId={meId}
            stale={query.isPlaceholderData}
            busy={query.isFetching}
            onChange={change}
          />
        ) : (
          <ul
            className={
              query.isPlaceholderData ? "ticket-list stale" : "ticket-list"
            }
            aria-label="Tickets"
            aria-busy={query.isFetching}
          >
            {tickets.map((ticket) => (
              <li key={ticket.id}>
                <TicketItem
                  ticket={ticket}
                  view={view}
                  meId={meId}
                  onChange={(patch) => change(ticket, patch)}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div ref={end} className="list-end">
        {query.isFetchNextPageError && (
          <p role="alert" className="error">
            Could not load more tickets: {query.error?.message}
          </p>
        )}
        {searchProgress ||
          (hasNextPage ? (
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
          ))}
      </div>
    </>
  );
}
