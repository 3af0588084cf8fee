import {
  SUGGESTION_THRESHOLD,
  type ClassifyResponse,
} from "../../contract/classify.js";

/** Confidence in words a person reads at a glance; below the threshold a suggestion is not shown as a value. */
export function likelihood(
  confidence: number,
): "very likely" | "likely" | undefined {
  if (confidence >= 0.9) return "very likely";
  if (confidence >= SUGGESTION_THRESHOLD) return "likely";
  return undefined;
}

export const sourceWords: Record<ClassifyResponse["source"], string> = {
  local: "this desk's own model",
  llm: "the AI model",
};
