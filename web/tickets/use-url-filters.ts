import { useCallback, useMemo, useSyncExternalStore } from "react";
import { TicketFilters } from "../../contract/tickets.js";

const KEYS = ["category", "priority", "status", "search"] as const;
const CHANGE = "ticketdesk:urlchange";

/** The filters in a query string; a value the API would refuse is left out rather than breaking the page. */
export function readFilters(search: string): TicketFilters {
  const params = new URLSearchParams(search);
  const filters: Record<string, string> = {};
  for (const key of KEYS) {
    const parsed = TicketFilters.shape[key].safeParse(params.get(key) ?? "");
    if (parsed.success && parsed.data) filters[key] = parsed.data;
  }
  return filters as TicketFilters;
}

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const currentSearch = () => window.location.search;

/** The list's filters, kept in the address bar so a filtered view can be bookmarked and shared. */
export function useUrlFilters() {
  const search = useSyncExternalStore(subscribe, currentSearch);
  const filters = useMemo(() => readFilters(search), [search]);
  const setFilters = useCallback((next: TicketFilters) => {
    const params = new URLSearchParams(window.location.search);
    for (const key of KEYS) {
      const value = next[key];
      if (value) params.set(key, value);
      else params.delete(key);
    }
    const query = params.toString();
    // NOTE: replaceState, not pushState: each debounced keystroke in the search box would be a history entry.
    window.history.replaceState(
      null,
      "",
      `${window.location.pathname}${query ? `?${query}` : ""}`,
    );
    window.dispatchEvent(new Event(CHANGE));
  }, []);
  return [filters, setFilters] as const;
}
