import { TicketFilters } from "../../contract/tickets.js";

const KEYS = ["category", "priority", "status", "assignee", "search"] as const;

/**
 * The list's filters from the address bar; a value the API would refuse is left out rather than
 * breaking the page (an old bookmark, a hand-edited link). Every key is there, undefined when
 * unset, so that it overrides the router's raw value.
 */
export function filtersFromSearch(
  search: Record<string, unknown>,
): TicketFilters {
  const filters: Record<string, unknown> = {};
  for (const key of KEYS) {
    const parsed = TicketFilters.shape[key].safeParse(search[key] ?? "");
    filters[key] = parsed.success ? parsed.data : undefined;
  }
  return filters as TicketFilters;
}
