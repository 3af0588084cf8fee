import type { FastifyInstance } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import { HttpError } from "../http/errors.js";
import { route } from "../http/route.js";
import { ClassifierUnavailableError, type Classifier } from "./classifier.js";

export function classifyRoutes(
  app: FastifyInstance,
  classifier: Classifier,
  perMinute: number,
): void {
  route(
    app,
    endpoints.classify,
    async ({ body }) => {
      try {
        return await classifier.classify(body);
      } catch (error) {
        if (error instanceof ClassifierUnavailableError) {
          throw new HttpError(503, "Classification unavailable", error.reason);
        }
        throw error;
      }
    },
    { config: { rateLimit: { max: perMinute, timeWindow: "1 minute" } } },
  );
}
