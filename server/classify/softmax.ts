import { DIMENSIONS, type Features } from "./features.js";

/** A multinomial logistic regression over hashed features; weights laid out feature-major. */
export type Softmax = {
  classes: number;
  weights: Float32Array;
  bias: Float64Array;
};

export type Example = { features: Features; label: number; weight: number };

export function probabilities(
  model: Softmax,
  { index, value }: Features,
): Float64Array {
  const k = model.classes;
  const out = Float64Array.from(model.bias);
  for (let i = 0; i < index.length; i++) {
    const base = index[i]! * k;
    const v = value[i]!;
    for (let c = 0; c < k; c++) out[c]! += model.weights[base + c]! * v;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < k; c++) out[c]! /= sum;
  return out;
}

/**
 * Sums for averaging the weights over the steps taken since `startAveraging` (averaged SGD): with
 * `later` += (s − 1)·Δ at step s, the mean of the weights after steps 1…T is w − later / T, with no
 * pass over all weights per step (in doubles: the sums grow with T). https://leon.bottou.org/publications/pdf/tricks-2012.pdf §5.3
 */
export type Averaging = {
  steps: number;
  later: Float64Array;
  bias: Float64Array;
};

export const startAveraging = (model: Softmax): Averaging => ({
  steps: 0,
  later: new Float64Array(model.weights.length),
  bias: new Float64Array(model.classes),
});

/** One stochastic gradient step on the cross-entropy of one example. */
export function step(
  model: Softmax,
  example: Example,
  rate: number,
  averaging?: Averaging,
): void {
  const p = probabilities(model, example.features);
  const { index, value } = example.features;
  const k = model.classes;
  const before = averaging ? averaging.steps++ : 0;
  for (let c = 0; c < k; c++) {
    const g = (p[c]! - (c === example.label ? 1 : 0)) * example.weight * rate;
    if (g === 0) continue;
    model.bias[c]! -= g;
    for (let i = 0; i < index.length; i++)
      model.weights[index[i]! * k + c]! -= g * value[i]!;
    if (!averaging || before === 0) continue;
    averaging.bias[c]! -= before * g;
    for (let i = 0; i < index.length; i++)
      averaging.later[index[i]! * k + c]! -= before * g * value[i]!;
  }
}

/** Replaces the weights with their average over the steps since averaging started. */
export function finishAveraging(model: Softmax, averaging: Averaging): void {
  const n = averaging.steps;
  if (!n) return;
  for (let i = 0; i < model.weights.length; i++)
    model.weights[i]! -= averaging.later[i]! / n;
  for (let c = 0; c < model.classes; c++)
    model.bias[c]! -= averaging.bias[c]! / n;
}

export const emptySoftmax = (classes: number): Softmax => ({
  classes,
  weights: new Float32Array(DIMENSIONS * classes),
  bias: new Float64Array(classes),
});
