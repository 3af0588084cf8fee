import { STATUS_CODES, type Server } from "node:http";
import type { Socket } from "node:net";
import type { FastifyHttpOptions, FastifyReply } from "fastify";
import type { ApiErrorBody } from "../../contract/errors.js";

/** See docs/decisions/008-hardening-limits.md for each number. */
export const REQUEST_TIMEOUT_DEFAULT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 10_000;
// No byte either way for this long ends a connection (a client that stopped reading its answer).
// Longer than any handler may take (CLASSIFY_TIMEOUT_MS is at most 120 s) and any heartbeat.
const IDLE_TIMEOUT_MS = 130_000;
// Node checks the header and request timeouts this often; its default (30 s) would let a 30 s
// limit run to 60 s.
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export type ServerSettings = {
  requestTimeoutMs?: number;
  trustProxy?: boolean | number | string[];
};

/** Fastify's options that bound what one client can hold, and give every error it answers by itself our shape. */
export function serverOptions({
  requestTimeoutMs = REQUEST_TIMEOUT_DEFAULT_MS,
  trustProxy = false,
}: ServerSettings): FastifyHttpOptions<Server> {
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: IDLE_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    // A number of hops trusts that many proxies in front, as Fastify's own number would.
    trustProxy:
      typeof trustProxy === "number"
        ? (_address: string, hop: number) => hop < trustProxy
        : trustProxy,
    // Answered by the error handlers' own hook instead, in the one error shape.
    return503OnClosing: false,
    frameworkErrors: (_error, _request, reply) => {
      const body: ApiErrorBody = { error: "Invalid URL" };
      (reply as FastifyReply).code(400).send(body);
    },
    clientErrorHandler: answerClientError,
  };
}

/**
 * Errors Node finds before any request exists (a request that took too long, headers too large,
 * malformed HTTP): written straight to the socket, in the one error shape.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const status =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? 408
      : error.code === "HPE_HEADER_OVERFLOW"
        ? 431
        : 400;
  const body = JSON.stringify({
    error:
      status === 408
        ? "Request took too long to arrive"
        : status === 431
          ? "Request headers are too large"
          : "Malformed HTTP request",
  } satisfies ApiErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
