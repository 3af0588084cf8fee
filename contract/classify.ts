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

export const ClassifyResponse = z.object({
  suggested_category: Category,
  suggested_priority: Priority,
  reason: z.string().optional(),
});
export type ClassifyResponse = z.infer<typeof ClassifyResponse>;
