import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import type { Classifier } from "../classify/classifier.js";
import type { Db } from "../db/client.js";
import { route } from "../http/route.js";

export function healthRoutes(
  app: FastifyInstance,
  db: Db,
  classifier: Classifier,
): void {
  route(app, endpoints.health, async (_input, { request, reply }) => {
    const dbUp = await db.execute(sql`SELECT 1`).then(
      () => true,
      (error: unknown) => {
        request.log.error({ err: error }, "health check: database unreachable");
        return false;
      },
    );
    reply.code(dbUp ? 200 : 503);
    return {
      status: dbUp ? "ok" : "degraded",
      db: dbUp ? "ok" : "down",
      classifier: classifier.state(),
    } as const;
  });
}
