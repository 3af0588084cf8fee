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

/** One stochastic gradient step on the cross-entropy of one example. */
export function step(model: Softmax, example: Example, rate: number): void {
  const p = probabilities(model, example.features);
  const { index, value } = example.features;
  const k = model.classes;
  for (let c = 0; c < k; c++) {
    const g = (p[c]! - (c === example.label ? 1 : 0)) * example.weight * rate;
    if (g === 0) continue;
    model.bias[c]! -= g;
    for (let i = 0; i < index.length; i++)
      model.weights[index[i]! * k + c]! -= g * value[i]!;
  }
}

export const emptySoftmax = (classes: number): Softmax => ({
  classes,
  weights: new Float32Array(DIMENSIONS * classes),
  bias: new Float64Array(classes),
});
