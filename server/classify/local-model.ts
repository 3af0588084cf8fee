import {
  CATEGORIES,
  PRIORITIES,
  type Category,
  type Priority,
} from "../../contract/tickets.js";
import { DIMENSIONS, features, type Features } from "./features.js";
import {
  emptyNaiveBayes,
  finish,
  learn,
  nbProbabilities,
  type NaiveBayes,
} from "./naive-bayes.js";
import {
  emptySoftmax,
  finishAveraging,
  probabilities,
  startAveraging,
  step,
  type Averaging,
  type Softmax,
} from "./softmax.js";

/** A ticket with trusted labels; `weight` scales its say in training (the shipped priors count less once a desk has its own). */
export type Labelled = {
  title: string;
  description: string;
  category: Category;
  priority: Priority | null;
  weight?: number;
};

/** One field's pair of models over the same features. */
type Pair = { lr: Softmax; nb: NaiveBayes };
export type LocalModel = { category: Pair; priority: Pair };

export type LocalAnswer = {
  category: Category;
  priority: Priority;
  confidence: { category: number; priority: number };
};

const EPOCHS = 3;
const RATE = 1.5;
/** Logistic regression's weights are averaged over every step from this pass on (averaged SGD). */
const AVERAGE_FROM = 1;
/**
 * Logistic regression's share when the two models' probabilities are averaged, per field: naive
 * Bayes's priority probabilities are overconfident, so it has less say there (decision record 007).
 */
const LR_SHARE = { category: 0.5, priority: 0.7 };
/** Train in slices of this many milliseconds and let requests run in between. */
const SLICE_MS = 8;
/** Naive Bayes buckets turned into log probabilities per slice (about 2 ms). */
const FINISH_BUCKETS = 1 << 14;
const pause = () => new Promise((resolve) => setImmediate(resolve));

const pair = (classes: number): Pair => ({
  lr: emptySoftmax(classes),
  nb: emptyNaiveBayes(classes),
});

/**
 * Per field, multinomial logistic regression by stochastic gradient descent (a few passes in a
 * fixed shuffled order, so the same data always gives the same model; the weights averaged over
 * the passes after the first, which makes them far less dependent on that order) and naive Bayes
 * (counted in the first pass). Their probabilities are averaged when predicting: naive Bayes is
 * better with few examples, logistic regression at separating close categories, and the average
 * is better calibrated than either (decision record 007). Features are recomputed each pass instead
 * of kept: 100,000 tickets' vectors would take about 250 MB, their text a tenth of that.
 */
export async function trainModel(rows: Labelled[]): Promise<LocalModel> {
  const model = {
    category: pair(CATEGORIES.length),
    priority: pair(PRIORITIES.length),
  };
  const order = shuffled(rows.length);
  let sliceStart = performance.now();
  const averages = new Map<Pair, Averaging>();
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    if (epoch === AVERAGE_FROM)
      for (const field of [model.category, model.priority])
        averages.set(field, startAveraging(field.lr));
    const rate = RATE / (1 + epoch);
    for (const i of order) {
      const row = rows[i]!;
      const f = features(row.title, row.description);
      const weight = row.weight ?? 1;
      const fields: [Pair, number][] = [
        [model.category, CATEGORIES.indexOf(row.category)],
      ];
      if (row.priority)
        fields.push([model.priority, PRIORITIES.indexOf(row.priority)]);
      for (const [field, label] of fields) {
        step(
          field.lr,
          { features: f, label, weight },
          rate,
          averages.get(field),
        );
        if (epoch === 0) learn(field.nb, f, label, weight);
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await pause();
        sliceStart = performance.now();
      }
    }
  }
  for (const [field, averaging] of averages)
    finishAveraging(field.lr, averaging);
  for (let from = 0; from < DIMENSIONS; from += FINISH_BUCKETS) {
    finish(model.category.nb, from, from + FINISH_BUCKETS);
    finish(model.priority.nb, from, from + FINISH_BUCKETS);
    await pause();
  }
  return model;
}

export function predict(
  model: LocalModel,
  { title, description }: { title?: string; description: string },
): LocalAnswer {
  const f: Features = features(title ?? "", description);
  const [category, categoryConfidence] = best(
    average(model.category, f, LR_SHARE.category),
    CATEGORIES,
  );
  const [priority, priorityConfidence] = best(
    average(model.priority, f, LR_SHARE.priority),
    PRIORITIES,
  );
  return {
    category,
    priority,
    confidence: { category: categoryConfidence, priority: priorityConfidence },
  };
}

function average(field: Pair, f: Features, share: number): Float64Array {
  const lr = probabilities(field.lr, f);
  const nb = nbProbabilities(field.nb, f);
  for (let c = 0; c < lr.length; c++)
    lr[c] = share * lr[c]! + (1 - share) * nb[c]!;
  return lr;
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
