import { SUGGESTION_THRESHOLD } from "../../contract/classify.js";
import {
  CATEGORIES,
  PRIORITIES,
  type Category,
  type Priority,
} from "../../contract/tickets.js";
import type { Labelled } from "../../server/classify/local-model.js";
import {
  quality,
  type Outcome,
  type Quality,
} from "../../server/classify/metrics.js";

/** What a model answers for one ticket: a category and a priority, each with its confidence. */
export type Answer = {
  category: Category;
  priority: Priority;
  confidence: { category: number; priority: number };
};

export type Measured = {
  category: Quality;
  priority: Quality & { majority_baseline: number };
};

/** Quality of both fields over labelled rows; rows without a priority count for the category only. */
export function measure(rows: Labelled[], answers: Answer[]): Measured {
  const category = quality(
    CATEGORIES,
    rows.map((row, i) => ({
      actual: row.category,
      predicted: answers[i]!.category,
      confidence: answers[i]!.confidence.category,
    })),
    SUGGESTION_THRESHOLD,
  );
  const withPriority = rows.flatMap((row, i) =>
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
  return {
    category,
    priority: { ...priority, majority_baseline: majority(withPriority) },
  };
}

/** Accuracy of always answering the most common priority of the rows themselves (a generous baseline). */
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

/** CPU time of `work` in seconds, one decimal: on a busy machine the wall clock measures the neighbours. */
export async function cpuSeconds<T>(
  work: () => Promise<T> | T,
): Promise<[T, number]> {
  const start = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(start);
  return [result, Math.round((used.user + used.system) / 1e5) / 10];
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
