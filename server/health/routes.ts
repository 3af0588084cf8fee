import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Health } from "../../contract/health.js";
import type { Classifier } from "../classify/classifier.js";
import type { Db } from "../db/client.js";

export function healthRoutes(
  app: FastifyInstance,
  db: Db,
  classifier: Classifier,
): void {
  app.withTypeProvider<ZodTypeProvider>().get("/api/health", {
    schema: { tags: ["health"], response: { 200: Health, 503: Health } },
    handler: async (request, reply) => {
      const dbUp = await db.execute(sql`SELECT 1`).then(
        () => true,
        (error: unknown) => {
          request.log.error(
            { err: error },
            "health check: database unreachable",
          );
          return false;
        },
      );
      return reply.code(dbUp ? 200 : 503).send({
        status: dbUp ? "ok" : "degraded",
        db: dbUp ? "ok" : "down",
        classifier: classifier.state(),
      });
    },
  });
}
