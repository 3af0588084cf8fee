import { z } from "zod";

export const ApiErrorBody = z.object({
  error: z.string(),
  fields: z.record(z.string(), z.array(z.string())).optional(),
  detail: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
