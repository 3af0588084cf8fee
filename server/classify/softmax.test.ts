import { describe, expect, it } from "vitest";
import { features } from "./features.js";
import {
  emptySoftmax,
  finishAveraging,
  startAveraging,
  step,
} from "./softmax.js";

const examples = [
  { features: features("Refund", "charged twice"), label: 0, weight: 1 },
  { features: features("Crash", "the app crashes"), label: 1, weight: 0.5 },
  { features: features("Login", "cannot log in"), label: 2, weight: 1 },
];

describe("averaged SGD", () => {
  it("ends with the mean of the weights after each step since averaging started", () => {
    const model = emptySoftmax(3);
    step(model, examples[0]!, 1); // before averaging: not in the mean
    const averaging = startAveraging(model);
    const watched = [
      ...new Set(examples.flatMap((e) => [...e.features.index])),
    ].flatMap((j) => [j * 3, j * 3 + 1, j * 3 + 2]);
    const sums = new Map(watched.map((i) => [i, 0]));
    const biasSums = [0, 0, 0];
    let steps = 0;
    for (let pass = 0; pass < 3; pass++)
      for (const example of examples) {
        step(model, example, 1 / (1 + pass), averaging);
        steps++;
        for (const i of watched) sums.set(i, sums.get(i)! + model.weights[i]!);
        model.bias.forEach((b, c) => (biasSums[c]! += b));
      }
    const last = Float64Array.from(model.bias);
    finishAveraging(model, averaging);
    for (const i of watched)
      expect(model.weights[i]).toBeCloseTo(sums.get(i)! / steps, 5);
    model.bias.forEach((b, c) =>
      expect(b).toBeCloseTo(biasSums[c]! / steps, 10),
    );
    // The mean is not the last weights, so leaving averaging out would fail this test.
    expect(Math.abs(model.bias[0]! - last[0]!)).toBeGreaterThan(0.01);
  });
});
