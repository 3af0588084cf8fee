import { z } from "zod";
import { Category, DESCRIPTION_MAX, Priority, TITLE_MAX } from "./tickets.js";

export const ClassifyRequest = z.strictObject({
  description: z
    .string()
    .trim()
    .min(1, "Description must not be blank")
    .max(
      DESCRIPTION_MAX,
      `Description must be at most ${DESCRIPTION_MAX} characters`,
    ),
  title: z
    .string()
    .trim()
    .max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`)
    .optional(),
});
export type ClassifyRequest = z.input<typeof ClassifyRequest>;

export const ClassifyResponse = z.object({
  suggested_category: Category,
  suggested_priority: Priority,
  reason: z.string().optional(),
});
export type ClassifyResponse = z.infer<typeof ClassifyResponse>;
