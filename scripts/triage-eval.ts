/**
 * Trains the local triage model and measures it on a labelled file (README, "Triage").
 *
 *   npm run triage:eval -- --test FILE                   the shipped priors alone (a fresh install)
 *   npm run triage:eval -- --train FILE --test FILE      priors + FILE, weighted as the app does
 *   npm run triage:eval -- --tune data/triage/validation.jsonl
 *                                                        accuracy and coverage per threshold on held-out
 *                                                        validation data (never the test file)
 *   options: --no-priors (FILE alone), --json
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SUGGESTION_THRESHOLD } from "../contract/classify.js";
import { CATEGORIES, PRIORITIES } from "../contract/tickets.js";
import {
  predict,
  trainModel,
  type Labelled,
} from "../server/classify/local-model.js";
import {
  quality,
  type Outcome,
  type Quality,
} from "../server/classify/metrics.js";
import { readLabelled, withPriors } from "../server/classify/priors.js";

/**
 * A filled-in suggestion should be right at least 85% of the time, so that an agent corrects at
 * most about one in seven; the threshold is the lowest confidence whose suggestions reach that.
 */
const TARGET = 0.85;

const { values } = parseArgs({
  options: {
    train: { type: "string" },
    test: { type: "string" },
    json: { type: "boolean", default: false },
    "no-priors": { type: "boolean", default: false },
    tune: { type: "string" },
  },
});
if (!values.test && !values.tune) {
  console.error(
    "usage: npm run triage:eval -- [--train FILE] --test FILE [--json] [--no-priors] | --tune FILE",
  );
  process.exit(2);
}
const read = (path: string) => readLabelled(readFileSync(path, "utf8"), path);
const desk = values.train ? read(values.train) : [];
if (values["no-priors"] && !desk.length) {
  console.error("--no-priors needs --train FILE");
  process.exit(2);
}
const training = values["no-priors"] ? desk : withPriors(desk);

if (values.tune) await tune(training, read(values.tune));
if (values.test) {
  const cpu = process.cpuUsage();
  const model = await trainModel(training);
  // CPU time, not wall time: on a busy machine the wall clock measures the neighbours.
  const seconds = process.cpuUsage(cpu).user / 1e6;
  const test = read(values.test);
  const answers = test.map((row) => predict(model, row));
  const category = quality(
    CATEGORIES,
    test.map((row, i) => ({
      actual: row.category,
      predicted: answers[i]!.category,
      confidence: answers[i]!.confidence.category,
    })),
    SUGGESTION_THRESHOLD,
  );
  const withPriority = test.flatMap((row, i) =>
    row.priority
      ? [
          {
            actual: row.priority,
            predicted: answers[i]!.priority,
            confidence: answers[i]!.confidence.priority,
          },
        ]
      : [],
  );
  const priority = quality(PRIORITIES, withPriority, SUGGESTION_THRESHOLD);
  const report = {
    trained_on: {
      priors: !values["no-priors"],
      file: values.train ?? null,
      tickets: training.length,
      seconds: Math.round(seconds * 10) / 10,
    },
    tested_on: { file: values.test, tickets: test.length },
    category,
    priority: { ...priority, majority_baseline: majority(withPriority) },
  };
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else print(report);
}

function majority(outcomes: Outcome<string>[]): number {
  const counts = new Map<string, number>();
  for (const o of outcomes)
    counts.set(o.actual, (counts.get(o.actual) ?? 0) + 1);
  return (
    Math.round(
      (Math.max(0, ...counts.values()) / Math.max(1, outcomes.length)) * 1000,
    ) / 1000
  );
}

/** Category accuracy and coverage per threshold on validation data; picks the lowest threshold whose accuracy reaches TARGET. */
async function tune(training: Labelled[], held: Labelled[]) {
  const model = await trainModel(training);
  const validation = held.map((row) => ({ row, answer: predict(model, row) }));
  console.log(`threshold tuning on ${validation.length} validation tickets`);
  console.log("threshold  coverage  accuracy");
  let chosen: number | undefined;
  for (let t = 0.3; t <= 0.951; t += 0.05) {
    const sure = validation.filter((v) => v.answer.confidence.category >= t);
    const accuracy =
      sure.filter((v) => v.answer.category === v.row.category).length /
      Math.max(1, sure.length);
    if (chosen === undefined && accuracy >= TARGET)
      chosen = Math.round(t * 100) / 100;
    console.log(
      `${t.toFixed(2).padStart(9)}  ${pct(sure.length / validation.length).padStart(8)}  ${pct(accuracy).padStart(8)}`,
    );
  }
  console.log(
    `chosen threshold (lowest with ≥ ${pct(TARGET)} accuracy): ${chosen ?? "none"}; in use: ${SUGGESTION_THRESHOLD}\n`,
  );
}

function pct(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}

function print(report: {
  trained_on: object;
  tested_on: object;
  category: Quality;
  priority: Quality & { majority_baseline: number };
}) {
  const { trained_on: on, tested_on: test } = report as unknown as {
    trained_on: {
      priors: boolean;
      file: string | null;
      tickets: number;
      seconds: number;
    };
    tested_on: { file: string; tickets: number };
  };
  console.log(
    `trained on ${on.priors ? "the shipped priors" : ""}${on.priors && on.file ? " + " : ""}${on.file ?? ""} (${on.tickets} tickets, ${on.seconds} s of CPU); tested on ${test.file} (${test.tickets} tickets)\n`,
  );
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
