import { DIMENSIONS, type Features } from "./features.js";

/**
 * Multinomial naive Bayes over hashed features, laid out feature-major. While learning, `weights`
 * holds weighted feature sums per class; `finish` turns them, in place, into log probabilities, so
 * that a prediction is a sum of lookups instead of a thousand logarithms.
 */
export type NaiveBayes = {
  classes: number;
  weights: Float32Array;
  totals: Float64Array;
  docs: Float64Array;
  bias: Float64Array;
};

/** Additive smoothing; small, because most of the 2^18 buckets are empty for any class. */
const ALPHA = 0.01;

export const emptyNaiveBayes = (classes: number): NaiveBayes => ({
  classes,
  weights: new Float32Array(DIMENSIONS * classes),
  totals: new Float64Array(classes),
  docs: new Float64Array(classes),
  bias: new Float64Array(classes),
});

export function learn(
  model: NaiveBayes,
  { index, value }: Features,
  label: number,
  weight: number,
): void {
  const k = model.classes;
  model.docs[label]! += weight;
  for (let i = 0; i < index.length; i++) {
    model.weights[index[i]! * k + label]! += value[i]! * weight;
    model.totals[label]! += value[i]! * weight;
  }
}

/** Turns the sums of buckets [from, to) into log probabilities; in ranges, so that training can pause between them. */
export function finish(model: NaiveBayes, from: number, to: number): void {
  const k = model.classes;
  const docs = model.docs.reduce((a, b) => a + b, 0);
  const denominators = Array.from(model.totals, (total) =>
    Math.log(total + ALPHA * DIMENSIONS),
  );
  for (let c = 0; c < k; c++)
    model.bias[c] = Math.log((model.docs[c]! + 1) / (docs + k));
  for (let i = from * k; i < to * k; i++)
    model.weights[i] =
      Math.log(model.weights[i]! + ALPHA) - denominators[i % k]!;
}

export function nbProbabilities(
  model: NaiveBayes,
  { index, value }: Features,
): Float64Array {
  const k = model.classes;
  const out = Float64Array.from(model.bias);
  for (let i = 0; i < index.length; i++) {
    const base = index[i]! * k;
    for (let c = 0; c < k; c++) out[c]! += value[i]! * model.weights[base + c]!;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < k; c++) out[c]! /= sum;
  return out;
}
