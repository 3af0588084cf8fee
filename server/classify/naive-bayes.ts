import { DIMENSIONS, type Features } from "./features.js";

/** Multinomial naive Bayes over hashed features: weighted feature sums per class, laid out feature-major. */
export type NaiveBayes = {
  classes: number;
  sums: Float32Array;
  totals: Float64Array;
  docs: Float64Array;
};

/** Additive smoothing; small, because most of the 2^18 buckets are empty for any class. */
const ALPHA = 0.01;

export const emptyNaiveBayes = (classes: number): NaiveBayes => ({
  classes,
  sums: new Float32Array(DIMENSIONS * classes),
  totals: new Float64Array(classes),
  docs: new Float64Array(classes),
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
    model.sums[index[i]! * k + label]! += value[i]! * weight;
    model.totals[label]! += value[i]! * weight;
  }
}

export function nbProbabilities(
  model: NaiveBayes,
  { index, value }: Features,
): Float64Array {
  const k = model.classes;
  const docs = model.docs.reduce((a, b) => a + b, 0);
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let score = Math.log((model.docs[c]! + 1) / (docs + k));
    const denominator = Math.log(model.totals[c]! + ALPHA * DIMENSIONS);
    for (let i = 0; i < index.length; i++)
      score +=
        value[i]! *
        (Math.log(model.sums[index[i]! * k + c]! + ALPHA) - denominator);
    out[c] = score;
  }
  const max = Math.max(...out);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < k; c++) out[c]! /= sum;
  return out;
}
