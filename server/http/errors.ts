import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ApiErrorBody } from "../../contract/errors.js";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { redactUrl } from "../logger.js";
import { lingerIfBodyUnread } from "./lingering-close.js";

/** An error whose status and message are safe to show the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly detail?: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

const VALIDATION_MESSAGES: Record<string, string> = {
  body: "Invalid request body",
  querystring: "Invalid query parameters",
  params: "Invalid path parameters",
};

type Issue = {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
};

/**
 * Turns zod issues into `{ field: [messages] }`; an issue about the whole body is filed under its part's name.
 * NOTE: the map has no prototype, so a client's key named `toString` or `constructor` is a field like any other.
 */
export function fieldErrors(
  issues: Issue[],
  part: string,
): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null);
  const add = (field: string, message: string) =>
    (fields[field] ??= []).push(message);
  for (const issue of issues) {
    const unknownKeys = issue.params.keys;
    if (Array.isArray(unknownKeys)) {
      for (const key of unknownKeys) add(String(key), "Unknown field");
      continue;
    }
    const field = issue.instancePath.split("/").filter(Boolean)[0] ?? part;
    add(field, issue.message ?? "Invalid value");
  }
  return fields;
}

export function registerErrorHandlers(app: FastifyInstance): void {
  // While closing, a request arriving on a connection still open is refused (Fastify's own 503 has another shape).
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (_request, reply) => {
    if (!closing) return;
    reply.header("connection", "close");
    reply.header("retry-after", RETRY_AFTER_SECONDS);
    throw new HttpError(503, "Server is shutting down; try again");
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // NOTE: an error thrown here would reach Fastify's default handler, which sends its message.
    let answer: Answer;
    try {
      answer = toAnswer(error);
    } catch (handlerError) {
      request.log.error({ err: handlerError }, "error handler failed");
      answer = internalError;
    }
    if (answer === databaseUnavailable) {
      request.log.warn({ err: error }, "database unavailable");
      reply.header("retry-after", RETRY_AFTER_SECONDS);
    } else if (answer === internalError) {
      request.log.error(
        {
          err: error,
          method: request.method,
          url: redactUrl(request.url),
          params: request.params,
        },
        "unhandled error",
      );
    }
    if (answer.status < 500) lingerIfBodyUnread(request);
    // NOTE: written as it is, not by the route's schema for that status: a route may declare another
    // body for it (health's 503), and a body that fails the schema would become Fastify's own 500.
    return reply
      .code(answer.status)
      .serializer(JSON.stringify)
      .send(answer.body);
  });
}

const internalError: Answer = {
  status: 500,
  body: { error: "Internal Server Error" },
};

type Answer = { status: number; body: ApiErrorBody };

/** A database restart takes seconds; clients (and load balancers) may try again after this. */
const RETRY_AFTER_SECONDS = 5;
const databaseUnavailable: Answer = {
  status: 503,
  body: { error: "Database unavailable; try again shortly" },
};

function toAnswer(error: FastifyError): Answer {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = error.validationContext ?? "body";
    return {
      status: 400,
      body: {
        error: VALIDATION_MESSAGES[part] ?? "Invalid request",
        fields: fieldErrors(error.validation, part),
      },
    };
  }
  if (error instanceof HttpError) {
    return {
      status: error.statusCode,
      body: {
        error: error.message,
        detail: error.detail,
        fields: error.fields,
      },
    };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, body too large, wrong content type, rate limit.
    return {
      status: error.statusCode,
      body: { error: clientErrorMessage(error) },
    };
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable;
  return internalError;
}

function clientErrorMessage(error: FastifyError): string {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "Request body is not valid JSON";
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return "Request body is too large";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "Unsupported content type: send application/json";
    default:
      return error.message;
  }
}
