import type { FastifyInstance, HTTPMethods } from "fastify";
import { HttpError } from "./errors.js";

const METHODS: HTTPMethods[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Fastify answers 404 for a known path with the wrong method. Call this before registering the
 * routes; it returns a function that, once they are registered, adds a 405 route (with an
 * `Allow` header) for each missing method of every path under `prefix`.
 */
export function trackMethods(app: FastifyInstance, prefix: string): () => void {
  const methodsByUrl = new Map<string, Set<string>>();
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith(prefix)) return;
    const methods = methodsByUrl.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    methodsByUrl.set(route.url, methods);
  });
  return () => {
    for (const [url, methods] of [...methodsByUrl]) {
      const allow = [...methods].sort().join(", ");
      const missing = METHODS.filter((method) => !methods.has(method));
      if (missing.length === 0) continue;
      app.route({
        method: missing,
        url,
        schema: { hide: true },
        handler: async (_request, reply) => {
          reply.header("allow", allow);
          throw new HttpError(405, "Method not allowed");
        },
      });
    }
  };
}
