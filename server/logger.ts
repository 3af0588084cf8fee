import type { FastifyRequest } from "fastify";
import {
  pino,
  stdSerializers,
  type DestinationStream,
  type Logger,
} from "pino";

/**
 * JSON lines in production; human-readable lines only when a person is watching the terminal.
 * Every error and request goes through the serializers below, so no caller can log ticket text.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
): Logger {
  const options = {
    level,
    redact: ["req.headers.authorization", "req.headers.cookie"],
    serializers: { err: serializeError, req: serializeRequest },
  };
  if (destination) return pino(options, destination);
  const pretty = process.stdout.isTTY && level !== "silent";
  return pino({
    ...options,
    ...(pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { translateTime: "SYS:HH:MM:ss" },
          },
        }
      : {}),
  });
}

/** A URL with every query value replaced: search terms are what people typed. */
export function redactUrl(url: string): string {
  const query = url.indexOf("?");
  if (query < 0) return url;
  const pairs = url
    .slice(query + 1)
    .split("&")
    .map((pair) => pair.split("=")[0] + (pair.includes("=") ? "=*" : ""));
  return `${url.slice(0, query)}?${pairs.join("&")}`;
}

function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function serializeError(error: unknown) {
  return stdSerializers.err(withoutData(error, []) as Error);
}

// NOTE: PostgreSQL's `detail` holds the whole failing row on a constraint violation ("Failing row contains (…)").
const DATA_KEYS = new Set(["params", "detail"]);

/**
 * A copy of a database error without the statement's parameters (ticket text): Drizzle puts them in
 * `params` and in its message, PostgreSQL may quote a value in its own message or the row in `detail`.
 */
function withoutData(error: unknown, secrets: string[], depth = 0): unknown {
  if (!(error instanceof Error) || depth > 8) return error;
  const params = (error as { params?: unknown }).params;
  if (Array.isArray(params)) {
    secrets = [
      ...secrets,
      ...params.filter(
        (p): p is string => typeof p === "string" && p.length >= 4,
      ),
    ];
  }
  let message = Array.isArray(params)
    ? error.message.replace(`\nparams: ${params}`, "\nparams: [redacted]")
    : error.message;
  for (const secret of secrets)
    message = message.replaceAll(secret, "[redacted]");

  const copy = Object.create(Object.getPrototypeOf(error) as object) as Record<
    string,
    unknown
  >;
  for (const [key, value] of Object.entries(error)) {
    if (!DATA_KEYS.has(key)) copy[key] = withoutData(value, secrets, depth + 1);
  }
  copy.message = message;
  // The stack starts with the message; its frames hold no data.
  const stack = error.stack ?? "";
  const frames = stack.includes(error.message)
    ? stack.slice(stack.indexOf(error.message) + error.message.length)
    : "";
  copy.stack = `${error.name}: ${message}${frames}`;
  if (error.cause !== undefined)
    copy.cause = withoutData(error.cause, secrets, depth + 1);
  if (Array.isArray((error as AggregateError).errors))
    copy.errors = (error as AggregateError).errors.map((inner) =>
      withoutData(inner, secrets, depth + 1),
    );
  return copy;
}
