import {
  CATEGORIES,
  PRIORITIES,
  type Category,
  type Priority,
} from "../../contract/tickets.js";
import { features, type Features } from "./features.js";
import { emptySoftmax, probabilities, step, type Softmax } from "./softmax.js";

/** A ticket with trusted labels; `weight` scales its say in training (the shipped priors count less once a desk has its own). */
export type Labelled = {
  title: string;
  description: string;
  category: Category;
  priority: Priority | null;
  weight?: number;
};

export type LocalModel = {
  category: Softmax;
  priority: Softmax;
};

export type LocalAnswer = {
  category: Category;
  priority: Priority;
  confidence: { category: number; priority: number };
};

const EPOCHS = 5;
const RATE = 1.5;
/** Train in slices of this many milliseconds and let requests run in between. */
const SLICE_MS = 8;

/**
 * Multinomial logistic regression by stochastic gradient descent, a few passes in a fixed shuffled
 * order (the same data always gives the same model). Features are recomputed each pass instead of
 * kept: 100,000 tickets' vectors would take about 250 MB, their text a tenth of that.
 */
export async function trainModel(rows: Labelled[]): Promise<LocalModel> {
  const model = {
    category: emptySoftmax(CATEGORIES.length),
    priority: emptySoftmax(PRIORITIES.length),
  };
  const order = shuffled(rows.length);
  let sliceStart = performance.now();
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = RATE / (1 + epoch);
    for (const i of order) {
      const row = rows[i]!;
      const f = features(row.title, row.description);
      const weight = row.weight ?? 1;
      step(
        model.category,
        { features: f, label: CATEGORIES.indexOf(row.category), weight },
        rate,
      );
      if (row.priority)
        step(
          model.priority,
          { features: f, label: PRIORITIES.indexOf(row.priority), weight },
          rate,
        );
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }
  return model;
}

export function predict(
  model: LocalModel,
  { title, description }: { title?: string; description: string },
): LocalAnswer {
  const f: Features = features(title ?? "", description);
  const [category, categoryConfidence] = best(
    probabilities(model.category, f),
    CATEGORIES,
  );
  const [priority, priorityConfidence] = best(
    probabilities(model.priority, f),
    PRIORITIES,
  );
  return {
    category,
    priority,
    confidence: { category: categoryConfidence, priority: priorityConfidence },
  };
}

function best<T>(p: Float64Array, labels: readonly T[]): [T, number] {
  let top = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[top]!) top = c;
  return [labels[top]!, Math.round(p[top]! * 1000) / 1000];
}

/** A seeded Fisher–Yates shuffle of 0..n-1. */
function shuffled(n: number): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  let seed = 42;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
