import {
  ListQuery,
  type Sort,
  type TicketFilters,
} from "../../contract/tickets.js";

/** What the list shows: the filters and the order, all in the address bar (a saved view is a link). */
export type ListView = TicketFilters & { sort?: Sort };

const KEYS = [
  "category",
  "priority",
  "status",
  "assignee",
  "search",
  "sort",
] as const;

/**
 * The list's filters and order from the address bar; a value the API would refuse is left out
 * rather than breaking the page (an old bookmark, a hand-edited link). Every key is there,
 * undefined when unset, so that it overrides the router's raw value. Newest first is the default
 * and is left out of the address.
 */
export function filtersFromSearch(search: Record<string, unknown>): ListView {
  const view: Record<string, unknown> = {};
  for (const key of KEYS) {
    const parsed = ListQuery.shape[key].safeParse(search[key] ?? "");
    view[key] = parsed.success ? parsed.data : undefined;
  }
  if (view.sort === "newest") view.sort = undefined;
  return view as ListView;
}

/** The filters alone, for the statistics (which have no order). */
export function filtersOf({
  sort: _sort,
  ...filters
}: ListView): TicketFilters {
  return filters;
}
