import type { CurveRow } from "./curve.js";
import { pct, type Measured } from "./measure.js";

/** One model on one file: both fields' accuracy, macro-F1, calibration, threshold, per-class table and confusion matrix. */
export function printReport(heading: string, report: Measured) {
  console.log(`${heading}\n`);
  for (const [name, q] of [
    ["category", report.category],
    ["priority", report.priority],
  ] as const) {
    console.log(
      `${name}: accuracy ${pct(q.accuracy)}, macro-F1 ${q.macro_f1.toFixed(3)}, calibration error ${q.calibration_error.toFixed(3)} (${q.count} tickets)`,
    );
    console.log(
      `  at the threshold ${q.at_threshold.threshold}: coverage ${pct(q.at_threshold.coverage)}, accuracy ${pct(q.at_threshold.accuracy)}`,
    );
    if (name === "priority")
      console.log(
        `  always the most common priority: ${pct(report.priority.majority_baseline)}`,
      );
    console.log(`  ${"class".padEnd(10)} precision  recall     F1  support`);
    for (const c of q.per_class)
      console.log(
        `  ${c.label.padEnd(10)} ${c.precision.toFixed(3).padStart(9)} ${c.recall.toFixed(3).padStart(7)} ${c.f1.toFixed(3).padStart(6)} ${String(c.support).padStart(8)}`,
      );
    const labels = q.per_class.map((c) => c.label);
    console.log(
      `  confusion (rows: actual, columns: suggested)\n  ${"".padEnd(10)} ${labels.map((l) => l.slice(0, 9).padStart(9)).join(" ")}`,
    );
    q.confusion.forEach((row, i) =>
      console.log(
        `  ${labels[i]!.padEnd(10)} ${row.map((n) => String(n).padStart(9)).join(" ")}`,
      ),
    );
    console.log();
  }
}

const MODEL = 22;
const CELL = 27;

/** The learning curve as a table: per model and desk size, category accuracy and macro-F1 and priority accuracy on each file. */
export function printCurve(desk: string, names: string[], rows: CurveRow[]) {
  console.log(
    `Learning curve: the first N tickets of ${desk} learned on top of the shipped priors as the app weighs them ("local"),`,
  );
  console.log(
    `the same model without the priors ("local, desk alone"), and textbook TF-IDF + logistic regression on the same N alone.`,
  );
  console.log(
    `Each cell: category accuracy / category macro-F1 / priority accuracy.\n`,
  );
  console.log(
    `${"model".padEnd(MODEL)} ${"N".padStart(5)}  ${names.map((n) => n.padStart(CELL)).join("")}  CPU s`,
  );
  for (const row of rows)
    console.log(
      `${row.model.padEnd(MODEL)} ${String(row.desk).padStart(5)}  ${row.results
        .map((r) =>
          `${pct(r.category.accuracy)} / ${r.category.macro_f1.toFixed(3)} / ${pct(r.priority.accuracy)}`.padStart(
            CELL,
          ),
        )
        .join("")}  ${row.seconds.toFixed(1).padStart(5)}`,
    );
  const first = rows[0]!.results;
  console.log(
    `${"always the commonest priority".padEnd(MODEL + 7)}${first.map((r) => pct(r.priority.majority_baseline).padStart(CELL)).join("")}`,
  );
}
