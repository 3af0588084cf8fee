import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { TicketFilters } from "../../contract/tickets.js";
import { statsOptions } from "./api.js";
import { categoryLabels, priorityLabels, statusLabels } from "./labels.js";

const number = new Intl.NumberFormat();

const BREAKDOWNS = [
  { title: "By status", kind: "status", labels: statusLabels },
  { title: "By priority", kind: "priority", labels: priorityLabels },
  { title: "By category", kind: "category", labels: categoryLabels },
] as const;

/**
 * Totals at a glance and the breakdowns one click away; for every ticket, or for the list's
 * current filters when the person asks.
 */
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
          {stats.scanned !== undefined && (
            <p className="muted">
              Search counted in the newest {number.format(stats.scanned)}{" "}
              tickets only.
            </p>
          )}
          <dl className="stat-tiles">
            <Tile
              label="Total tickets"
              value={number.format(stats.total_tickets)}
            />
            <Tile
              label="Open, not started"
              value={number.format(stats.open_tickets)}
            />
            <Tile
              label="In progress"
              value={number.format(stats.status_breakdown.in_progress)}
            />
            <Tile
              label="New per day"
              value={dailyAverage(
                stats.avg_tickets_per_day,
                stats.total_tickets,
              )}
            />
          </dl>
          <details className="breakdowns">
            <summary>By status, priority and category</summary>
            <div className="breakdown-grid">
              {BREAKDOWNS.map(({ title, kind, labels }) => (
                <Breakdown
                  key={kind}
                  title={title}
                  kind={kind}
                  labels={labels}
                  counts={stats[`${kind}_breakdown`]}
                  total={stats.total_tickets}
                />
              ))}
            </div>
          </details>
        </>
      )}
    </section>
  );
}

/** One decimal; a quiet desk reads "under 1", not a rounded-down 0. */
export function dailyAverage(average: number, total: number): string {
  if (total === 0) return "none yet";
  if (average < 1) return "under 1";
  return average.toFixed(1);
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
function Breakdown(props: {
  title: string;
  counts: Record<string, number>;
  labels: Record<string, string>;
  total: number;
  kind: string;
}) {
  const id = useId();
  const keys = Object.keys(props.labels);
  return (
    <figure className="breakdown" aria-labelledby={id}>
      <figcaption id={id}>{props.title}</figcaption>
      <ul>
        {keys.map((key) => {
          const count = props.counts[key] ?? 0;
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
