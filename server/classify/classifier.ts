import { createHash } from "node:crypto";
import CircuitBreaker from "opossum";
import type { FastifyBaseLogger } from "fastify";
import type {
  ClassifyRequest,
  ClassifyResponse,
} from "../../contract/classify.js";

/** The port: anything that can suggest a category and priority for a ticket. */
export type Suggest = (input: ClassifyRequest) => Promise<ClassifyResponse>;

export type ClassifierState = "disabled" | "closed" | "open" | "half_open";

export type Classifier = {
  classify(input: ClassifyRequest): Promise<ClassifyResponse>;
  state(): ClassifierState;
  close(): void;
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
  state: () => "disabled",
  close: () => {},
};

type Options = {
  suggest: Suggest;
  log: FastifyBaseLogger;
  cooldownMs: number;
  cacheSize?: number;
};

/**
 * Wraps an adapter with a circuit breaker (three failures in a row, or half of at least three calls
 * in the window, open it; a trial call after the cool-down closes it again) and a small LRU cache.
 */
export function createClassifier({
  suggest,
  log,
  cooldownMs,
  cacheSize = 500,
}: Options): Classifier {
  const breaker = new CircuitBreaker(suggest, {
    timeout: false, // the adapter enforces its own timeout
    errorThresholdPercentage: 50,
    volumeThreshold: 3,
    resetTimeout: cooldownMs,
    rollingCountTimeout: 60_000,
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
        const answer = await breaker.fire(input);
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
      if (breaker.opened) return "open";
      if (breaker.halfOpen) return "half_open";
      return "closed";
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
