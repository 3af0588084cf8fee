/**
 * Writes data/triage/train.jsonl and data/triage/test.jsonl from the scenario templates in
 * scripts/triage-data/. Deterministic: the same files every run. The test file uses phrasings
 * (the last quarter of each scenario's bodies and titles) that never appear in the training file.
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

const heldOut = (list: string[]) =>
  list.length >= 3 ? Math.max(1, Math.floor(list.length / 4)) : 0;
const part = (list: string[], test: boolean) =>
  test
    ? list.slice(list.length - heldOut(list))
    : list.slice(0, list.length - heldOut(list));

function generate(count: number, seed: number, test: boolean): Row[] {
  const rng: Rng = seeded(seed);
  const all = weights.flatMap(([list]) => list);
  const other = (category: string) => () => {
    const s = pick(
      rng,
      all.filter((x) => x.category !== category && x.severity === "low"),
    );
    return pick(rng, part(s.bodies, test));
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
        part(s.bodies, test),
        part(s.titles, test),
        other(s.category),
      ),
    );
  }
  return rows;
}

const write = (path: string, rows: Row[]) =>
  writeFileSync(path, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");

write("data/triage/train.jsonl", generate(4000, 20261124, false));
write("data/triage/test.jsonl", generate(1000, 777, true));
