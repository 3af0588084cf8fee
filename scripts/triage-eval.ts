/**
 * Trains the local triage model and measures it on labelled files (README, "Triage").
 *
 *   npm run triage:eval                                  the learning curve: priors alone, then the first
 *                                                        500, 1,000, 2,000 and all tickets of
 *                                                        data/triage/desk.jsonl, beside the TF-IDF + LR
 *                                                        baseline, on test.jsonl and handwritten.jsonl
 *   npm run triage:eval -- --curve FILE --on FILE...     the same from another desk file, on other files
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
import {
  predict,
  trainModel,
  type Labelled,
} from "../server/classify/local-model.js";
import { readLabelled, withPriors } from "../server/classify/priors.js";
import { learningCurve } from "./triage-eval/curve.js";
import { cpuSeconds, measure, pct } from "./triage-eval/measure.js";
import { printCurve, printReport } from "./triage-eval/print.js";

/**
 * A filled-in suggestion should be right at least 85% of the time, so that an agent corrects at
 * most about one in seven; the threshold is the lowest confidence whose suggestions reach that.
 */
const TARGET = 0.85;
const DESK = "data/triage/desk.jsonl";
const MEASURED_ON = ["data/triage/test.jsonl", "data/triage/handwritten.jsonl"];

const { values } = parseArgs({
  options: {
    train: { type: "string" },
    test: { type: "string" },
    curve: { type: "string" },
    on: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    "no-priors": { type: "boolean", default: false },
    tune: { type: "string" },
  },
});
const read = (path: string) => readLabelled(readFileSync(path, "utf8"), path);

if (!values.test && !values.tune) {
  await curve(values.curve ?? DESK, values.on ?? MEASURED_ON);
  process.exit(0);
}
const desk = values.train ? read(values.train) : [];
if (values["no-priors"] && !desk.length) {
  console.error("--no-priors needs --train FILE");
  process.exit(2);
}
const training = values["no-priors"] ? desk : withPriors(desk);

if (values.tune) await tune(training, read(values.tune));
if (values.test) {
  const [model, seconds] = await cpuSeconds(() => trainModel(training));
  const test = read(values.test);
  const report = {
    trained_on: {
      priors: !values["no-priors"],
      file: values.train ?? null,
      tickets: training.length,
      seconds,
    },
    tested_on: { file: values.test, tickets: test.length },
    ...measure(
      test,
      test.map((row) => predict(model, row)),
    ),
  };
  const on = report.trained_on;
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else
    printReport(
      `trained on ${on.priors ? "the shipped priors" : ""}${on.priors && on.file ? " + " : ""}${on.file ?? ""} (${on.tickets} tickets, ${on.seconds} s of CPU); tested on ${values.test} (${test.length} tickets)`,
      report,
    );
}

async function curve(deskFile: string, files: string[]) {
  const sets = files.map(read);
  const rows = await learningCurve(read(deskFile), sets);
  if (values.json)
    console.log(
      JSON.stringify(
        {
          desk: deskFile,
          measured_on: files.map((file, i) => ({
            file,
            tickets: sets[i]!.length,
          })),
          rows,
        },
        null,
        2,
      ),
    );
  else
    printCurve(
      deskFile,
      files.map((file, i) => `${file.split("/").pop()} (${sets[i]!.length})`),
      rows,
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
