import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { TriageQuality } from "../../contract/triage.js";
import { qualityOptions } from "./api.js";
import { ConfusionHeatMap } from "./confusion-heat-map.js";
import { percent } from "./words.js";
import "./triage.css";

const PERIODS = [7, 30, 90, 365] as const;
const FIELDS = [
  { key: "category", name: "Category" },
  { key: "priority", name: "Priority" },
] as const;

/**
 * For agents: how good the desk's suggestions were over a period, measured on the tickets made
 * from them (GET /api/triage/quality): how often they were taken as they were, how often they
 * match the values after agents' later changes, where they go wrong, and the confidence threshold
 * below which the form leaves a value for the person to choose.
 */
export function TriageQualityPanel() {
  const [days, setDays] = useState<number>(30);
  const periodId = useId();
  const query = useQuery({
    ...qualityOptions(days),
    placeholderData: keepPreviousData,
  });
  const quality = query.data;

  return (
    <section
      className="triage-quality"
      aria-labelledby="triage-quality-heading"
    >
      <div className="section-head">
        <h2 id="triage-quality-heading">Suggestion quality</h2>
        <div className="period">
          <label htmlFor={periodId}>Period</label>
          <select
            id={periodId}
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          >
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                Last {n} days
              </option>
            ))}
          </select>
        </div>
      </div>
      {query.isPending && (
        <p role="status" className="muted">
          Loading suggestion quality…
        </p>
      )}
      {query.isError && !quality && (
        <div role="alert">
          <p>Could not load suggestion quality: {query.error.message}</p>
          <button type="button" onClick={() => void query.refetch()}>
            Retry
          </button>
        </div>
      )}
      {quality && <QualityReport quality={quality} />}
    </section>
  );
}

function QualityReport({ quality }: { quality: TriageQuality }) {
  const threshold = percent(quality.threshold);
  const used = quality.category.suggestions;
  return (
    <>
      <p className="muted threshold">
        The form fills in a suggestion when its confidence is at least{" "}
        <strong>{threshold}</strong>; below that the value is left for the
        person to choose.
      </p>
      {used === 0 ? (
        <p>
          No suggestion became a ticket in the last {quality.days} days, so
          there is nothing to measure yet.
        </p>
      ) : (
        <>
          <table className="quality-table">
            <caption>
              {used.toLocaleString()} suggestions that became tickets, last{" "}
              {quality.days} days
            </caption>
            <thead>
              <tr>
                <td />
                {FIELDS.map(({ key, name }) => (
                  <th key={key} scope="col">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Accepted as suggested</th>
                {FIELDS.map(({ key }) => (
                  <td key={key}>
                    {rate(quality[key].accepted, quality[key].suggestions)}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Right, after agents’ changes</th>
                {FIELDS.map(({ key }) => (
                  <td key={key}>{percent(quality[key].accuracy)}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">Confident enough to fill in</th>
                {FIELDS.map(({ key }) => (
                  <td key={key}>
                    {percent(quality[key].at_threshold.coverage)}
                    <span className="muted">
                      , {percent(quality[key].at_threshold.accuracy)} right
                    </span>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          {FIELDS.map(({ key, name }) => (
            <ConfusionHeatMap
              key={key}
              caption={`${name}: final value by suggested value`}
              labels={quality[key].per_class.map((c) => c.label)}
              matrix={quality[key].confusion}
            />
          ))}
        </>
      )}
    </>
  );
}

/** "82% (41 of 50)". */
function rate(part: number, whole: number): string {
  return `${percent(whole ? part / whole : 0)} (${part.toLocaleString()} of ${whole.toLocaleString()})`;
}
