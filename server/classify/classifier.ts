import { createHash } from "node:crypto";
import CircuitBreaker from "opossum";
import type { FastifyBaseLogger } from "fastify";
import type {
  ClassifyRequest,
  ClassifyResponse,
} from "../../contract/classify.js";
import type { ClassifierHealth } from "../../contract/health.js";

/** What the LLM adapter answers; the classifier adds its confidence and source. */
export type LlmAnswer = Omit<ClassifyResponse, "confidence" | "source">;
export type LlmSuggest = (input: ClassifyRequest) => Promise<LlmAnswer>;

/**
 * A model gives no calibrated confidence (asking it for one gives numbers that are not), so its
 * answers count as "likely": above the form's threshold, below "very likely". GET
 * /api/triage/quality measures how often they are right on live data.
 */
export const LLM_CONFIDENCE = 0.8;

/** The classifier port the HTTP layer sees; `state` is what /api/health says of it. */
export type Classifier = {
  classify(input: ClassifyRequest): Promise<ClassifyResponse>;
  state(): ClassifierHealth;
  close(): void;
};

/** The LLM behind its breaker: `paused after failures` while the breaker is open. */
export type LlmClassifier = Omit<Classifier, "state"> & {
  state(): "ready" | "paused after failures" | "retrying";
};

/** Why no suggestion could be given; the HTTP layer answers 503 with `reason` as detail. */
export class ClassifierUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const disabledClassifier: Classifier = {
  classify: () =>
    Promise.reject(
      new ClassifierUnavailableError(
        "No classifier is configured (OPENAI_API_KEY is not set)",
      ),
    ),
  state: () => ({ mode: "llm", local: "not used", llm: "not configured" }),
  close: () => {},
};

type Options = {
  suggest: LlmSuggest;
  log: FastifyBaseLogger;
  cooldownMs: number;
  cacheSize?: number;
};

/** Consecutive failures that open the breaker, whatever came before them. */
const FAILURES_IN_A_ROW = 3;

/**
 * Wraps the LLM adapter with a circuit breaker (three failures in a row, or half of at least three
 * calls in the window, open it; a trial call after the cool-down closes it again) and a small LRU cache.
 */
export function createClassifier({
  suggest,
  log,
  cooldownMs,
  cacheSize = 500,
}: Options): LlmClassifier {
  const breaker = new CircuitBreaker(suggest, {
    timeout: false, // the adapter enforces its own timeout
    errorThresholdPercentage: 50,
    volumeThreshold: 3,
    resetTimeout: cooldownMs,
    rollingCountTimeout: 60_000,
  });
  // NOTE: opossum only knows failure rates: after 60 successes in its window it took 61 failures to
  // open. Counting the failures in a row ourselves keeps the promise of three.
  let inARow = 0;
  breaker.on("success", () => (inARow = 0));
  breaker.on("failure", () => {
    if (++inARow >= FAILURES_IN_A_ROW && !breaker.opened) breaker.open();
  });
  const cache = new Map<string, ClassifyResponse>();

  return {
    async classify(input) {
      const key = createHash("sha256")
        .update(`${input.title ?? ""}\n${input.description}`)
        .digest("hex");
      const cached = cache.get(key);
      if (cached) {
        cache.delete(key);
        cache.set(key, cached);
        log.info({ outcome: "cached", latencyMs: 0 }, "classify");
        return cached;
      }
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const answer: ClassifyResponse = {
          ...(await breaker.fire(input)),
          confidence: { category: LLM_CONFIDENCE, priority: LLM_CONFIDENCE },
          source: "llm",
        };
        log.info({ outcome: "ok", latencyMs: latency() }, "classify");
        cache.set(key, answer);
        if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
        return answer;
      } catch (error) {
        if (
          breaker.opened &&
          (error as { code?: string }).code === "EOPENBREAKER"
        ) {
          log.warn(
            { outcome: "breaker_open", latencyMs: latency() },
            "classify",
          );
          throw new ClassifierUnavailableError(
            "Classifier paused after repeated failures; retrying later",
          );
        }
        const reason =
          error instanceof ClassifierUnavailableError
            ? error.reason
            : "Classifier failed";
        log.warn(
          {
            outcome: "failed",
            reason,
            err: safeError(error),
            latencyMs: latency(),
          },
          "classify",
        );
        throw new ClassifierUnavailableError(reason);
      }
    },
    state() {
      if (breaker.opened) return "paused after failures";
      if (breaker.halfOpen) return "retrying";
      return "ready";
    },
    close: () => breaker.shutdown(),
  };
}

/** Error name and message only: an upstream error may echo the request, and the ticket text is never logged. */
function safeError(error: unknown) {
  return error instanceof Error
    ? { name: error.name, message: error.message.slice(0, 200) }
    : String(error);
}
