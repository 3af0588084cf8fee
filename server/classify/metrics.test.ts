import { describe, expect, it } from "vitest";
import { quality } from "./metrics.js";

describe("quality", () => {
  // Six suggestions worked out by hand:
  //   actual a, suggested a (0.9)   actual a, suggested b (0.4)   actual b, suggested b (0.8)
  //   actual b, suggested b (0.6)   actual b, suggested a (0.7)   actual c, suggested c (0.95)
  const outcomes = [
    { actual: "a", predicted: "a", confidence: 0.9 },
    { actual: "a", predicted: "b", confidence: 0.4 },
    { actual: "b", predicted: "b", confidence: 0.8 },
    { actual: "b", predicted: "b", confidence: 0.6 },
    { actual: "b", predicted: "a", confidence: 0.7 },
    { actual: "c", predicted: "c", confidence: 0.95 },
  ] as const;
  const q = quality(["a", "b", "c"], [...outcomes], 0.65);

  it("counts the confusion matrix with actual values as rows", () => {
    expect(q.confusion).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [0, 0, 1],
    ]);
  });

  it("gives accuracy, per-class precision, recall and F1, and macro-F1", () => {
    expect(q.count).toBe(6);
    expect(q.accuracy).toBe(0.667); // 4 of 6
    expect(q.per_class).toEqual([
      // a: 1 of 2 suggested a were a; 1 of 2 actual a found
      { label: "a", precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      // b: 2 of 3 suggested b were b; 2 of 3 actual b found
      { label: "b", precision: 0.667, recall: 0.667, f1: 0.667, support: 3 },
      { label: "c", precision: 1, recall: 1, f1: 1, support: 1 },
    ]);
    expect(q.macro_f1).toBe(0.722); // (0.5 + 0.667 + 1) / 3
  });

  it("gives coverage and accuracy at the threshold", () => {
    // At 0.65: 0.9 (right), 0.8 (right), 0.7 (wrong), 0.95 (right).
    expect(q.at_threshold).toEqual({
      threshold: 0.65,
      coverage: 0.667,
      accuracy: 0.75,
    });
  });

  it("gives the expected calibration error over ten bins", () => {
    // Bins: 0.4 → gap 0.4; 0.6 → -0.4; 0.7 → 0.7; 0.8 → -0.2; 0.9 and 0.95 → -0.1 and -0.05.
    // |0.4| + |-0.4| + |0.7| + |-0.2| + |-0.15| = 1.85, over 6 suggestions.
    expect(q.calibration_error).toBe(0.308);
  });

  it("answers zeros, not NaN, for no suggestions", () => {
    const empty = quality(["a", "b"], [], 0.5);
    expect(empty.accuracy).toBe(0);
    expect(empty.at_threshold).toEqual({
      threshold: 0.5,
      coverage: 0,
      accuracy: 0,
    });
    expect(empty.per_class[0]).toEqual({
      label: "a",
      precision: 0,
      recall: 0,
      f1: 0,
      support: 0,
    });
  });
});
