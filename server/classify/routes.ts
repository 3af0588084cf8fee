import type { FastifyInstance } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import { HttpError } from "../http/errors.js";
import { route } from "../http/route.js";
import { SUGGESTION_THRESHOLD } from "../../contract/classify.js";
import { ClassifierUnavailableError, type Classifier } from "./classifier.js";
import type { SuggestionsRepo } from "./suggestions-repo.js";

export function classifyRoutes(
  app: FastifyInstance,
  classifier: Classifier,
  suggestions: SuggestionsRepo,
  perMinute: number,
): void {
  route(
    app,
    endpoints.classify,
    async ({ body, actor }) => {
      try {
        const answer = await classifier.classify(body);
        return {
          ...answer,
          suggestion_id: await suggestions.record(answer, actor.user.id),
        };
      } catch (error) {
        if (error instanceof ClassifierUnavailableError) {
          throw new HttpError(503, "Classification unavailable", error.reason);
        }
        throw error;
      }
    },
    { config: { rateLimit: { max: perMinute, timeWindow: "1 minute" } } },
  );

  route(app, endpoints.triageQuality, async ({ query }) =>
    suggestions.quality(query.days, SUGGESTION_THRESHOLD),
  );
}
