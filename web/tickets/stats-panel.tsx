import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { TicketFilters } from "../../contract/tickets.js";
import { statsOptions } from "./api.js";
import { categoryLabels, priorityLabels, statusLabels } from "./labels.js";

const number = new Intl.NumberFormat();

/** Totals and breakdowns; for every ticket, or for the list's current filters when the person asks. */
export function StatsPanel({ listFilters }: { listFilters: TicketFilters }) {
  const [followList, setFollowList] = useState(false);
  const filters = followList ? listFilters : {};
  const query = useQuery({
    ...statsOptions(filters),
    placeholderData: keepPreviousData,
  });
  const stats = query.data;

  return (
    <section className="stats" aria-labelledby="stats-heading">
      <div className="section-head">
        <h2 id="stats-heading">Statistics</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={followList}
            onChange={(e) => setFollowList(e.target.checked)}
          />
          Match list filters
        </label>
      </div>
      {query.isPending && (
        <p role="status" className="muted">
          Loading statistics…
        </p>
      )}
      {query.isError && !stats && (
        <div role="alert">
          <p>Could not load statistics: {query.error.message}</p>
          <button type="button" onClick={() => void query.refetch()}>
            Retry
          </button>
        </div>
      )}
      {stats && (
        <>
          <dl className="stat-tiles">
            <Tile
              label="Total tickets"
              value={number.format(stats.total_tickets)}
            />
            <Tile
              label="Open tickets"
              value={number.format(stats.open_tickets)}
            />
            <Tile
              label="Daily average"
              value={String(stats.avg_tickets_per_day)}
            />
          </dl>
          <Breakdown
            title="By status"
            counts={stats.status_breakdown}
            labels={statusLabels}
            total={stats.total_tickets}
            kind="status"
          />
          <Breakdown
            title="By priority"
            counts={stats.priority_breakdown}
            labels={priorityLabels}
            total={stats.total_tickets}
            kind="priority"
          />
          <Breakdown
            title="By category"
            counts={stats.category_breakdown}
            labels={categoryLabels}
            total={stats.total_tickets}
            kind="category"
          />
        </>
      )}
    </section>
  );
}

function Tile({ label, value }: { label: string; value: string }) {
  return (
    <div className="tile">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** A horizontal bar chart; the numbers are text, the bars only decoration. */
function Breakdown<K extends string>(props: {
  title: string;
  counts: Record<K, number>;
  labels: Record<K, string>;
  total: number;
  kind: string;
}) {
  const id = useId();
  const keys = Object.keys(props.labels) as K[];
  return (
    <figure className="breakdown" aria-labelledby={id}>
      <figcaption id={id}>{props.title}</figcaption>
      <ul>
        {keys.map((key) => {
          const count = props.counts[key];
          const share = props.total
            ? Math.round((count / props.total) * 100)
            : 0;
          return (
            <li key={key}>
              <span className="bar-label">{props.labels[key]}</span>
              <span className="bar-track" aria-hidden="true">
                <span
                  className={`bar badge-${props.kind} badge-${key}`}
                  style={{ width: `${share}%` }}
                />
              </span>
              <span className="bar-value">
                {number.format(count)} <span className="muted">({share}%)</span>
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
