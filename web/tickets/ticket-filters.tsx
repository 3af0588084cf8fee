import { useEffect, useRef, useState } from "react";
import { EnumOptions } from "../components/enum-options.js";
import { filtersOf, type ListView as Filters } from "./filters-from-search.js";
import {
  assigneeLabels,
  categoryLabels,
  priorityLabels,
  statusLabels,
} from "./labels.js";
import { sortLabels } from "./sort-order.js";
import type { TicketView } from "./ticket-controls.js";

const SEARCH_DELAY_MS = 300;

export function TicketFilters({
  filters,
  onChange,
  view,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  view: TicketView;
}) {
  const [search, setSearch] = useState(filters.search ?? "");
  // The address bar changed under us (back button, "Clear filters"): show its search term.
  const [seen, setSeen] = useState(filters.search);
  if (filters.search !== seen) {
    setSeen(filters.search);
    if (search.trim() !== (filters.search ?? ""))
      setSearch(filters.search ?? "");
  }

  useEffect(() => {
    const term = search.trim();
    if (term === (filters.search ?? "")) return;
    const timer = setTimeout(() => {
      onChange({ ...filters, search: term || undefined });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filters, onChange]);

  // "/" jumps to the search box from anywhere but a text field, as on many sites.
  const searchBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== "/" || target.closest("input, textarea, select"))
        return;
      event.preventDefault();
      searchBox.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const active = Object.values(filtersOf(filters)).some(Boolean);
  return (
    <form
      className="filters"
      role="search"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="filter filter-search">
        <span>Search</span>
        <input
          type="search"
          ref={searchBox}
          value={search}
          placeholder="Title or description"
          aria-keyshortcuts="/"
          title="Press / to jump here"
          onChange={(e) => setSearch(e.target.value)}
        />
      </label>
      <FilterSelect
        label="Category"
        labels={categoryLabels}
        value={filters.category}
        onChange={(category) => onChange({ ...filters, category })}
      />
      <FilterSelect
        label="Priority"
        labels={priorityLabels}
        value={filters.priority}
        onChange={(priority) => onChange({ ...filters, priority })}
      />
      <FilterSelect
        label="Status"
        labels={statusLabels}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status })}
      />
      {view === "agent" && (
        <FilterSelect
          label="Assignee"
          labels={assigneeLabels}
          value={filters.assignee as keyof typeof assigneeLabels | undefined}
          onChange={(assignee) => onChange({ ...filters, assignee })}
        />
      )}
      <label className="filter filter-sort">
        <span>Sort</span>
        <select
          value={filters.sort ?? "newest"}
          onChange={(e) =>
            onChange({
              ...filters,
              sort:
                e.target.value === "newest"
                  ? undefined
                  : (e.target.value as Filters["sort"]),
            })
          }
        >
          <EnumOptions labels={sortLabels} />
        </select>
      </label>
      {view === "agent" && (
        <div className="quick-filters" role="group" aria-label="Assignee">
          {(["me", "none"] as const).map((assignee) => {
            const on = filters.assignee === assignee;
            return (
              <button
                key={assignee}
                type="button"
                aria-pressed={on}
                onClick={() =>
                  onChange({ ...filters, assignee: on ? undefined : assignee })
                }
              >
                {assigneeLabels[assignee]}
              </button>
            );
          })}
        </div>
      )}
      {active && (
        <button
          type="button"
          className="link"
          onClick={() => onChange({ sort: filters.sort })}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

function FilterSelect<T extends string>(props: {
  label: string;
  labels: Record<T, string>;
  value?: T;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <label className="filter">
      <span>{props.label}</span>
      <select
        value={props.value ?? ""}
        onChange={(e) => props.onChange((e.target.value || undefined) as T)}
      >
        <option value="">All</option>
        <EnumOptions labels={props.labels} />
      </select>
    </label>
  );
}
