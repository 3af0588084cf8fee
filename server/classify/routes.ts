import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ClassifyRequest, ClassifyResponse } from "../../contract/classify.js";
import { ApiErrorBody } from "../../contract/errors.js";
import { HttpError } from "../http/errors.js";
import { ClassifierUnavailableError, type Classifier } from "./classifier.js";

export function classifyRoutes(
  app: FastifyInstance,
  classifier: Classifier,
  perMinute: number,
): void {
  app.withTypeProvider<ZodTypeProvider>().post("/api/tickets/classify", {
    config: { rateLimit: { max: perMinute, timeWindow: "1 minute" } },
    schema: {
      tags: ["classify"],
      body: ClassifyRequest,
      response: {
        200: ClassifyResponse,
        400: ApiErrorBody,
        429: ApiErrorBody,
        503: ApiErrorBody,
      },
    },
    handler: async (request) => {
      try {
        return await classifier.classify(request.body);
      } catch (error) {
        if (error instanceof ClassifierUnavailableError) {
          throw new HttpError(503, "Classification unavailable", error.reason);
        }
        throw error;
      }
    },
  });
}
