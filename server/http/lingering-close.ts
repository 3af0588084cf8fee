import type { Socket } from "node:net";
import type { FastifyRequest } from "fastify";

// As nginx's lingering_close: https://nginx.org/en/docs/http/ngx_http_core_module.html#lingering_close
const LINGER_IDLE_MS = 5_000;
const LINGER_MAX_MS = 30_000;

/**
 * For an error answered before the request body was read (413, 415): closing the socket while the
 * client is still sending makes the kernel send a reset, and a client that reads only once it has
 * sent everything never sees the answer. So after the answer, close only our side, keep reading and
 * discarding what the client still sends, and close once it stops (at most 5 s idle, 30 s in all).
 */
export function lingerIfBodyUnread(request: FastifyRequest): void {
  if (request.raw.complete) return;
  const socket = request.raw.socket as Socket | null;
  if (!socket || socket.destroyed) return;
  // NOTE: Node's HTTP server ends a `Connection: close` response with socket.destroySoon(), which
  // destroys the socket as soon as the answer is written.
  socket.destroySoon = () => {
    socket.end();
    socket.setTimeout(LINGER_IDLE_MS, () => socket.destroy());
    const cap = setTimeout(() => socket.destroy(), LINGER_MAX_MS).unref();
    socket.once("close", () => clearTimeout(cap));
  };
}
