import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { createClassifier, type Classifier } from "./classifier.js";
import { createLocalClassifier } from "./local-classifier.js";
import { openAiSuggest } from "./openai-adapter.js";
import { createTriage } from "./triage.js";

/** How often each process checks for new trusted labels and, if there are any, trains again. */
const RETRAIN_EVERY_MS = 60_000;

/** The classifier the configuration asks for: the local model (trained from the desk in the background) and the optional LLM. */
export function startTriage(
  config: Pick<Config, "triage" | "openai">,
  db: Db,
  log: FastifyBaseLogger,
): Classifier {
  const { apiKey, cooldownMs, ...openai } = config.openai;
  const llm = apiKey
    ? createClassifier({
        suggest: openAiSuggest({ apiKey, ...openai }),
        log,
        cooldownMs,
      })
    : undefined;
  const local = createLocalClassifier({
    db,
    log,
    retrainEveryMs: RETRAIN_EVERY_MS,
  });
  log.info(
    { mode: config.triage, llm: apiKey ? "configured" : "not configured" },
    "triage configured",
  );
  return createTriage({ mode: config.triage, local, llm });
}
