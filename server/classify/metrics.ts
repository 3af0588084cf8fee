export type Outcome<T extends string> = {
  actual: T;
  predicted: T;
  confidence: number;
};

const ratio = (a: number, b: number) =>
  b ? Math.round((a / b) * 1000) / 1000 : 0;

/**
 * How good the suggestions for one field were: accuracy, macro-F1, per-class precision and recall,
 * the confusion matrix (rows: actual, columns: suggested), coverage and accuracy of the suggestions
 * at or above `threshold`, and the expected calibration error over ten confidence bins.
 */
export function quality<T extends string>(
  labels: readonly T[],
  outcomes: Outcome<T>[],
  threshold: number,
) {
  const confusion = labels.map(() => labels.map(() => 0));
  for (const o of outcomes)
    confusion[labels.indexOf(o.actual)]![labels.indexOf(o.predicted)]! += 1;
  const perClass = labels.map((label, i) => {
    const hits = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const suggested = confusion.reduce((sum, row) => sum + row[i]!, 0);
    const precision = ratio(hits, suggested);
    const recall = ratio(hits, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = outcomes.filter((o) => o.actual === o.predicted);
  const sure = outcomes.filter((o) => o.confidence >= threshold);
  return {
    count: outcomes.length,
    accuracy: ratio(correct.length, outcomes.length),
    macro_f1: ratio(
      perClass.reduce((sum, c) => sum + c.f1, 0),
      perClass.length,
    ),
    per_class: perClass,
    confusion,
    at_threshold: {
      threshold,
      coverage: ratio(sure.length, outcomes.length),
      accuracy: ratio(
        sure.filter((o) => o.actual === o.predicted).length,
        sure.length,
      ),
    },
    calibration_error: calibrationError(outcomes),
  };
}

export type Quality = ReturnType<typeof quality>;

function calibrationError<T extends string>(outcomes: Outcome<T>[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, gap: 0 }));
  for (const o of outcomes) {
    const bin = bins[Math.min(9, Math.floor(o.confidence * 10))]!;
    bin.n += 1;
    bin.gap += o.confidence - (o.actual === o.predicted ? 1 : 0);
  }
  const total = bins.reduce((sum, b) => sum + Math.abs(b.gap), 0);
  return ratio(total, outcomes.length);
}
