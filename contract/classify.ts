import { z } from "zod";
import { text, visibleText } from "./text.js";
import { Category, DESCRIPTION_MAX, Priority, TITLE_MAX } from "./tickets.js";

export const ClassifyRequest = z.strictObject({
  description: visibleText("Description", DESCRIPTION_MAX),
  title: text()
    .max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`)
    .optional(),
});
export type ClassifyRequest = z.input<typeof ClassifyRequest>;

/**
 * A suggestion is shown as a filled value only when its confidence reaches this; chosen by
 * `npm run triage:eval -- --tune` on a validation split of the training data (README, "Triage").
 */
export const SUGGESTION_THRESHOLD = 0.55;

const Confidence = z.number().min(0).max(1);

export const ClassifyResponse = z.object({
  suggested_category: Category,
  suggested_priority: Priority,
  confidence: z.object({ category: Confidence, priority: Confidence }),
  source: z.enum(["local", "llm"]),
  reason: z.string().optional(),
  /** Send it with the ticket created from this suggestion, so its quality can be measured. */
  suggestion_id: z.number().int().positive().optional(),
});
export type ClassifyResponse = z.infer<typeof ClassifyResponse>;
