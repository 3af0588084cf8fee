import { readFileSync } from "node:fs";
import { z } from "zod";
import { Category, Priority } from "../../contract/tickets.js";
import type { Labelled } from "./local-model.js";

// NOTE: in the build this file is dist/server/classify/, and scripts/copy-assets.mjs puts the data at dist/data/.
const PRIORS = new URL("../../data/triage/train.jsonl", import.meta.url);

const Row = z.object({
  title: z.string().default(""),
  description: z.string().min(1),
  category: Category,
  priority: Priority.nullable().default(null),
});

/** Reads labelled tickets from JSON lines `{title, description, category, priority|null}`; a bad line names its number. */
export function readLabelled(text: string, source: string): Labelled[] {
  return text
    .split("\n")
    .map((line, n) => [line.trim(), n + 1] as const)
    .filter(([line]) => line)
    .map(([line, n]) => {
      const parsed = Row.safeParse(safeJson(line));
      if (!parsed.success)
        throw new Error(`${source}:${n}: not a labelled ticket`);
      return parsed.data;
    });
}

const safeJson = (line: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};

let priors: Labelled[] | undefined;
/** The labelled tickets shipped in the repo that a fresh install learns from; read once per process. */
export function shippedPriors(): Labelled[] {
  priors ??= readLabelled(
    readFileSync(PRIORS, "utf8"),
    "data/triage/train.jsonl",
  );
  return priors;
}

/**
 * The training set of a desk: its own trusted tickets at full weight, plus the shipped priors,
 * which weigh less as the desk's own labels grow (each counts 1/2 at 1,000 desk tickets, 1/11 at
 * 10,000), so that a desk's own way of labelling wins while rare kinds still have examples.
 */
export function withPriors(desk: Labelled[]): Labelled[] {
  const weight = 1000 / (1000 + desk.length);
  return [...shippedPriors().map((row) => ({ ...row, weight })), ...desk];
}
