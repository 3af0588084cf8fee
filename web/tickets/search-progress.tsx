import type { Sort } from "../../contract/tickets.js";
import type { Page } from "./api.js";

/** Which tickets a search looks at first, in the list's order. */
const FIRST: Record<Sort, string> = {
  newest: "the newest",
  oldest: "the oldest",
  priority: "the most urgent",
  activity: "the most recently active",
};

/**
 * How many tickets a search has examined so far, when its last page stopped short of the end of
 * the list (the server bounds each search page's work; decision record 014); undefined otherwise.
 */
export function searchedSoFar(pages: Page[] | undefined): number | undefined {
  if (!pages?.at(-1)?.scanned) return undefined;
  return pages.reduce((sum, page) => sum + (page.scanned ?? 0), 0);
}

/** "Searched the newest N tickets", and a button to search the next ones. */
export function SearchProgress({
  searched,
  found,
  sort,
  busy,
  onContinue,
}: {
  searched: number;
  found: number;
  sort: Sort;
  busy: boolean;
  onContinue: () => void;
}) {
  return (
    <div className="search-progress" role="status">
      <p className="muted">
        {found === 0 ? "No match in" : "Searched"} {FIRST[sort]}{" "}
        {searched.toLocaleString("en-US")} tickets.
      </p>
      <button type="button" disabled={busy} onClick={onContinue}>
        {busy ? "Searching…" : "Search further"}
      </button>
    </div>
  );
}
