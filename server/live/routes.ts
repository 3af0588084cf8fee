import type { FastifyInstance } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import { HttpError } from "../http/errors.js";
import { route } from "../http/route.js";
import type { LiveHub } from "./hub.js";

/** A client this far behind is cut off; it reconnects with Last-Event-ID and catches up. */
const MAX_BUFFERED = 1024 * 1024;

/**
 * GET /api/events: registered through the endpoint table like any other (access rule, docs), then
 * the reply is taken over and kept open as a Server-Sent Events stream.
 */
export function liveRoutes(app: FastifyInstance, hub: LiveHub): void {
  route(app, endpoints.liveEvents, async ({ actor }, { request, reply }) => {
    if (request.method === "HEAD") return undefined;
    await hub.ready().catch((error: unknown) => {
      request.log.error({ err: error }, "live updates: cannot LISTEN");
      throw new HttpError(503, "Live updates are unavailable; try again soon");
    });
    reply.hijack();
    const res = reply.raw;
    // Headers set by hooks so far (security headers, CORS, request id) still go out.
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) res.setHeader(name, value);
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      // NOTE: nginx buffers proxied responses unless told not to.
      "x-accel-buffering": "no",
    });
    const disconnect = hub.connect(
      {
        actor,
        write(chunk) {
          if (res.writableEnded || res.destroyed) return;
          if (res.writableLength > MAX_BUFFERED) res.destroy();
          else res.write(chunk);
        },
        end: () => res.end(),
        recheck: () => app.authenticate(request),
      },
      [request.headers["last-event-id"]].flat()[0],
    );
    res.on("close", disconnect);
    return undefined;
  });
}
