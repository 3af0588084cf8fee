import type { InfiniteData } from "@tanstack/react-query";
import type { Ticket, TicketFilters } from "../../contract/tickets.js";
import type { ListView } from "./filters-from-search.js";
import { compareIn } from "./sort-order.js";

/** `scanned`: the page stopped after examining that many tickets (a search; see the contract). */
export type Page = { tickets: Ticket[]; next?: string; scanned?: number };
export type Pages = InfiniteData<Page, string | undefined>;

/**
 * Whether a ticket belongs in a list with these filters (search as the server does it: substring,
 * any case, or the ticket's number). Without `meId`, a list of "me" is taken to match.
 */
export function matchesFilters(
  ticket: Ticket,
  filters: TicketFilters,
  meId?: number,
): boolean {
  const term = filters.search?.toLowerCase();
  return (
    (!filters.category || ticket.category === filters.category) &&
    (!filters.priority || ticket.priority === filters.priority) &&
    (!filters.status || ticket.status === filters.status) &&
    matchesAssignee(ticket, filters.assignee, meId) &&
    (!term ||
      ticket.title.toLowerCase().includes(term) ||
      ticket.description.toLowerCase().includes(term) ||
      term.replace(/^#/, "") === String(ticket.id))
  );
}

function matchesAssignee(
  ticket: Ticket,
  assignee?: string,
  meId?: number,
): boolean {
  if (!assignee) return true;
  if (assignee === "none") return ticket.assignee === null;
  if (assignee === "me")
    return meId === undefined || ticket.assignee?.id === meId;
  return String(ticket.assignee?.id) === assignee;
}

/**
 * A loaded list with `ticket` where it now belongs: out if it no longer matches, in its place by
 * the list's order if it matches and falls among the loaded tickets (after the last one, only when
 * nothing more is to load: the next page will bring it otherwise). `null`: the ticket is gone.
 */
export function placeIn(
  data: Pages,
  view: ListView,
  id: number,
  ticket: Ticket | null,
  meId?: number,
): Pages {
  const pages = data.pages.map((page) => ({
    ...page,
    tickets: page.tickets.filter((t) => t.id !== id),
  }));
  const removed = pages.some(
    (page, i) => page.tickets.length !== data.pages[i]!.tickets.length,
  );
  if (!ticket || !matchesFilters(ticket, view, meId))
    return removed ? { ...data, pages } : data;
  const before = compareIn(view.sort);
  for (const page of pages) {
    const at = page.tickets.findIndex((t) => before(ticket, t) < 0);
    if (at >= 0) {
      page.tickets.splice(at, 0, ticket);
      return { ...data, pages };
    }
  }
  const last = pages.at(-1);
  if (!last || last.next) return removed ? { ...data, pages } : data;
  last.tickets.push(ticket);
  return { ...data, pages };
}
