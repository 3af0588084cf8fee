import { z } from "zod";

export const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  db: z.enum(["ok", "down"]),
  classifier: z.enum(["disabled", "closed", "open", "half_open"]),
});
export type Health = z.infer<typeof Health>;
