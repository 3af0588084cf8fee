/**
 * Training time and memory of the local model at a desk's size, as the app trains it: N desk
 * tickets (the files of data/triage/ repeated, as rows read from the database would be held) plus
 * the shipped priors. Reports CPU time, and resident memory: at start, with the rows loaded, and
 * the peak while training, so that what the rows and the training add can be told from what the
 * process (and tsx, about 45 MB) takes anyway.
 *
 *   node --expose-gc --import tsx scripts/triage-train-bench.ts [--tickets 100000]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { trainModel, type Labelled } from "../server/classify/local-model.js";
import { readLabelled, withPriors } from "../server/classify/priors.js";

const { values } = parseArgs({
  options: { tickets: { type: "string", default: "100000" } },
});
// NOTE: not cli.ts's positiveInteger: that module loads the database driver, whose memory would count here.
const tickets = Number(values.tickets);
if (!Number.isSafeInteger(tickets) || tickets < 1) {
  console.error("--tickets must be a positive whole number");
  process.exit(2);
}
globalThis.gc?.();
const start = process.memoryUsage().rss;
const files = ["train", "desk", "validation"].map((name) =>
  readLabelled(
    readFileSync(`data/triage/${name}.jsonl`, "utf8"),
    `data/triage/${name}.jsonl`,
  ),
);
const pool = files.flat();
// Each row with its own strings, as rows read from the database have.
const desk = Array.from(
  { length: tickets },
  (_, i) => JSON.parse(JSON.stringify(pool[i % pool.length])) as Labelled,
);
const training = withPriors(desk);
globalThis.gc?.();
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const loaded = process.memoryUsage().rss;
const cpu = process.cpuUsage();
await trainModel(training);
const used = process.cpuUsage(cpu);
console.log(
  `trained on ${training.length} tickets (${tickets} + the priors): ${((used.user + used.system) / 1e6).toFixed(1)} s of CPU; ` +
    `resident memory ${mb(start)} at start, ${mb(loaded)} with the rows loaded, ${mb(process.resourceUsage().maxRSS * 1024)} at the peak` +
    (globalThis.gc ? "" : " (run with --expose-gc for steadier numbers)"),
);
