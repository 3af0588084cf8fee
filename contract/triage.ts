import { z } from "zod";

export const QualityQuery = z.strictObject({
  days: z.coerce
    .number({ error: "days must be a number" })
    .int("days must be a whole number")
    .min(1, "days must be at least 1")
    .max(366, "days must be at most 366")
    .default(30),
});

const Ratio = z.number().min(0).max(1);

const FieldQuality = z.object({
  /** Suggestions that became tickets in the period. */
  suggestions: z.number().int(),
  /** ...whose ticket was created with the suggested value. */
  accepted: z.number().int(),
  /** Share whose final value (after any later change) is the suggested one. */
  accuracy: Ratio,
  macro_f1: Ratio,
  per_class: z.array(
    z.object({
      label: z.string(),
      precision: Ratio,
      recall: Ratio,
      f1: Ratio,
      support: z.number().int(),
    }),
  ),
  /** Rows: final value; columns: suggested value; both in the order of `per_class`. */
  confusion: z.array(z.array(z.number().int())),
  at_threshold: z.object({
    threshold: Ratio,
    coverage: Ratio,
    accuracy: Ratio,
  }),
  calibration_error: Ratio,
});

export const TriageQuality = z.object({
  days: z.number().int(),
  threshold: Ratio,
  category: FieldQuality,
  priority: FieldQuality,
});
export type TriageQuality = z.infer<typeof TriageQuality>;
