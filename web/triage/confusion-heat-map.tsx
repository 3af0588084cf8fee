import type { CSSProperties } from "react";
import { percent, valueLabel } from "./words.js";

/**
 * The confusion matrix as a table: one row per final value, one column per suggested value, the
 * count in each cell and its share of the row's tickets as the cell's colour (darker: more). The
 * numbers are text; the colour only helps the eye find where suggestions go wrong.
 */
export function ConfusionHeatMap(props: {
  caption: string;
  labels: string[];
  matrix: number[][];
}) {
  const { labels, matrix } = props;
  return (
    <table className="heat-map">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <td className="heat-corner">
            <span className="visually-hidden">Final value, then </span>
            final ↓ suggested →
          </td>
          {labels.map((label) => (
            <th key={label} scope="col">
              {valueLabel(label)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labels.map((label, row) => {
          const counts = matrix[row] ?? [];
          const total = counts.reduce((sum, count) => sum + count, 0);
          return (
            <tr key={label}>
              <th scope="row">{valueLabel(label)}</th>
              {labels.map((column, index) => {
                const count = counts[index] ?? 0;
                const share = total ? count / total : 0;
                return (
                  <td
                    key={column}
                    className={
                      index === row ? "heat-cell heat-right" : "heat-cell"
                    }
                    style={{ "--heat": share.toFixed(2) } as CSSProperties}
                    title={
                      total
                        ? `${count} of ${total} ${valueLabel(label)} tickets were suggested ${valueLabel(column)} (${percent(share)})`
                        : undefined
                    }
                  >
                    {count}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
