/**
 * Writes data/triage/train.jsonl and data/triage/test.jsonl from the scenario templates in
 * scripts/triage-data/, data/triage/validation.jsonl for choosing the confidence threshold, and
 * data/triage/desk.jsonl with desk-validation.jsonl: a desk's own labelled tickets for the learning
 * curve of `npm run triage:eval`, and a validation split carved from them for tuning.
 * Deterministic: the same files every run. Validation and test each use phrasings (one title and
 * one description of every scenario) that appear in no other file; the desk's tickets use the
 * training phrasings, with their own seed (other slot values, noise and mixes than train.jsonl).
 *
 *   npx tsx scripts/triage-data.ts
 */
import { writeFileSync } from "node:fs";
import { account } from "./triage-data/account.js";
import { billing } from "./triage-data/billing.js";
import {
  compose,
  pick,
  seeded,
  type Rng,
  type Row,
} from "./triage-data/compose.js";
import { general } from "./triage-data/general.js";
import type { Scenario } from "./triage-data/scenario.js";
import { technical } from "./triage-data/technical.js";

const weights: [Scenario[], number][] = [
  [technical, 0.34],
  [billing, 0.24],
  [account, 0.24],
  [general, 0.18],
];

type Split = "train" | "validation" | "test";
/** Of each scenario's phrasings, the last is kept for the test file and the one before it for validation. */
function part(list: string[], split: Split): string[] {
  const n = list.length;
  if (split === "test") return list.slice(n - 1);
  if (split === "validation") return list.slice(n - 2, n - 1);
  return list.slice(0, n - 2);
}

function generate(count: number, seed: number, split: Split): Row[] {
  const rng: Rng = seeded(seed);
  const all = weights.flatMap(([list]) => list);
  const other = (category: string) => () => {
    const s = pick(
      rng,
      all.filter((x) => x.category !== category && x.severity === "low"),
    );
    return pick(rng, part(s.bodies, split));
  };
  const rows: Row[] = [];
  while (rows.length < count) {
    let r = rng();
    const [list] = weights.find(([, w]) => (r -= w) < 0) ?? weights[0]!;
    const s = pick(rng, list);
    rows.push(
      compose(
        rng,
        s,
        part(s.bodies, split),
        part(s.titles, split),
        other(s.category),
      ),
    );
  }
  return rows;
}

const write = (path: string, rows: Row[]) =>
  writeFileSync(path, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");

write("data/triage/train.jsonl", generate(4000, 20261124, "train"));
write("data/triage/validation.jsonl", generate(1000, 4242, "validation"));
write("data/triage/test.jsonl", generate(1000, 777, "test"));
const desk = generate(5000, 31337, "train");
write("data/triage/desk.jsonl", desk.slice(0, 4000));
write("data/triage/desk-validation.jsonl", desk.slice(4000));
