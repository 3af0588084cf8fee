import {
  SUGGESTION_THRESHOLD,
  type ClassifyRequest,
} from "../../contract/classify.js";
import {
  ClassifierUnavailableError,
  type Classifier,
  type LlmClassifier,
} from "./classifier.js";
import type { LocalClassifier } from "./local-classifier.js";

export type TriageMode = "auto" | "local" | "llm";

type Options = {
  mode: TriageMode;
  local: Pick<LocalClassifier, "classify" | "ready" | "close">;
  /** The LLM behind its breaker and cache; absent when no OPENAI_API_KEY is set. */
  llm?: LlmClassifier;
};

/**
 * The classifier port the HTTP layer sees. `auto`: the local model always answers; the LLM is asked
 * only when it is configured and the local model is unsure of the category (below the threshold the
 * form uses), and any LLM failure falls back to the local answer. `local`: never the LLM. `llm`: the
 * seed's behaviour, the LLM or 503.
 */
export function createTriage({ mode, local, llm }: Options): Classifier {
  async function classify(input: ClassifyRequest) {
    if (mode === "llm") {
      if (!llm)
        throw new ClassifierUnavailableError(
          "No classifier is configured (OPENAI_API_KEY is not set)",
        );
      return llm.classify(input);
    }
    const answer = await local.classify(input);
    if (mode === "local" || !llm) return answer;
    if (answer.confidence.category >= SUGGESTION_THRESHOLD) return answer;
    return llm.classify(input).catch(() => answer);
  }
  return {
    classify,
    state: () => ({
      mode,
      local: mode === "llm" ? "not used" : local.ready() ? "ready" : "starting",
      llm: mode === "local" ? "not used" : (llm?.state() ?? "not configured"),
    }),
    close() {
      local.close();
      llm?.close();
    },
  };
}
