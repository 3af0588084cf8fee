import { z } from "zod";

/** Who suggests categories and priorities, in words: the local model and the language model (LLM). */
export const ClassifierHealth = z.object({
  /** TRIAGE: `auto` (local, the LLM when unsure), `local`, or `llm`. */
  mode: z.enum(["auto", "local", "llm"]),
  /** `starting`: the shipped priors are still being trained (a second or so after start). */
  local: z.enum(["ready", "starting", "not used"]),
  /** `paused after failures`: its circuit breaker is open; `retrying`: a trial call is allowed. */
  llm: z.enum([
    "ready",
    "paused after failures",
    "retrying",
    "not configured",
    "not used",
  ]),
});
export type ClassifierHealth = z.infer<typeof ClassifierHealth>;

export const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  db: z.enum(["ok", "down"]),
  classifier: ClassifierHealth,
});
export type Health = z.infer<typeof Health>;
