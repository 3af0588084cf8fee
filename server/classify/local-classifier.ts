import type { FastifyBaseLogger } from "fastify";
import type {
  ClassifyRequest,
  ClassifyResponse,
} from "../../contract/classify.js";
import type { Db } from "../db/client.js";
import {
  predict,
  trainModel,
  type Labelled,
  type LocalModel,
} from "./local-model.js";
import { withPriors } from "./priors.js";
import { labelsVersion, trustedLabels } from "./trusted-labels.js";

let priorsModel: Promise<LocalModel> | undefined;
/** The model of a fresh install, trained once per process from the shipped priors (about a second). */
export const shippedModel = () => (priorsModel ??= trainModel(withPriors([])));

type Options = { db: Db; log: FastifyBaseLogger; retrainEveryMs: number };

/**
 * The local model. It starts from the shipped priors, trained in the background (about a second of
 * CPU) so that the app listens at once; a classify request that comes before they are ready waits
 * for them. Then it answers at once from the current model, and every `retrainEveryMs` checks
 * whether trusted labels changed; if so it trains a new model in the background (in slices that
 * let requests through) and swaps it in. Each app process trains its own copy from the database,
 * so processes never wait for each other (decision record 007).
 */
export function createLocalClassifier({ db, log, retrainEveryMs }: Options) {
  let model: LocalModel | undefined;
  const priors = shippedModel().then((trained) => (model ??= trained));
  let version = "";
  let learnedFrom = 0;
  let training: Promise<void> | undefined;
  let fitting = false;

  async function retrain(): Promise<void> {
    await priors;
    const current = await labelsVersion(db);
    if (current === version) return;
    const started = performance.now();
    const desk: Labelled[] = await trustedLabels(db);
    fitting = true;
    try {
      model = desk.length
        ? await trainModel(withPriors(desk))
        : await shippedModel();
    } finally {
      fitting = false;
    }
    version = current;
    learnedFrom = desk.length;
    log.info(
      { trainedOn: desk.length, ms: Math.round(performance.now() - started) },
      "triage model trained",
    );
  }

  /** Trains now unless a training is already running; failures are logged and retried next time. */
  function refresh(): Promise<void> {
    training ??= retrain()
      .catch((error: unknown) =>
        log.warn(
          { err: { message: String(error).slice(0, 200) } },
          "triage training failed",
        ),
      )
      .finally(() => (training = undefined));
    return training;
  }

  const timer = setInterval(() => void refresh(), retrainEveryMs);
  timer.unref();
  void refresh();

  return {
    async classify(input: ClassifyRequest): Promise<ClassifyResponse> {
      const answer = predict(model ?? (await priors), input);
      return {
        suggested_category: answer.category,
        suggested_priority: answer.priority,
        confidence: answer.confidence,
        source: "local",
      };
    },
    refresh,
    /** Whether it can answer at once (false only while the shipped priors are first trained). */
    ready: () => model !== undefined,
    /** How many desk tickets the current model learned from (0: the shipped priors alone). */
    learnedFrom: () => learnedFrom,
    /** Whether a new model is being trained right now (requests keep the current one meanwhile). */
    training: () => fitting,
    close: () => clearInterval(timer),
  };
}

export type LocalClassifier = ReturnType<typeof createLocalClassifier>;
