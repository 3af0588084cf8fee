import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteShorthandOptions,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type {
  Endpoint,
  EndpointInput,
  EndpointOutput,
} from "../../contract/endpoints.js";
import { ApiErrorBody } from "../../contract/errors.js";
import type { User } from "../../contract/people.js";
import { HttpError } from "./errors.js";

/** Who is calling: set by the auth plugin from a session cookie or a bearer token. */
export type Actor = {
  user: User;
  via: "session" | "token";
  sessionId?: number;
  tokenId?: number;
};

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

type Caller<E extends Endpoint> = E["access"] extends "anyone"
  ? Actor | null
  : Actor;

export type Handler<E extends Endpoint> = (
  input: EndpointInput<E> & { actor: Caller<E> },
  http: { request: FastifyRequest; reply: FastifyReply },
) => Promise<EndpointOutput<E>>;

const ROLE_RANK = { requester: 0, agent: 1, admin: 2 } as const;

/** Whether `actor` passes `access`; throws 401 (nobody signed in) or 403 (wrong role). */
export function checkAccess(
  access: Endpoint["access"],
  actor: Actor | null,
): void {
  if (access === "anyone") return;
  if (!actor) throw new HttpError(401, "Sign in to continue");
  const needed = access === "user" ? 0 : ROLE_RANK[access];
  if (ROLE_RANK[actor.user.role] < needed)
    throw new HttpError(403, "You are not allowed to do this");
}

/**
 * Registers one endpoint of the contract: its schemas validate the request and serialise the
 * reply, its access rule runs before validation (so an anonymous caller learns nothing about the
 * body), and the handler's result is sent with the endpoint's success status. Only endpoints
 * that need a person look one up (health keeps answering while the database is down).
 */
export function route<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: Handler<E>,
  options: Pick<RouteShorthandOptions, "config" | "bodyLimit"> = {},
): void {
  const errorBody = endpoint.errorResponse ?? ApiErrorBody;
  const errorStatuses = [
    ...endpoint.errors,
    ...(endpoint.access === "anyone" ? [] : [401, 403]),
  ];
  app.withTypeProvider<ZodTypeProvider>().route({
    method: endpoint.method,
    url: endpoint.path,
    ...options,
    schema: {
      summary: endpoint.summary,
      tags: [endpoint.tag],
      ...(endpoint.params && { params: endpoint.params }),
      ...(endpoint.query && { querystring: endpoint.query }),
      ...(endpoint.body && { body: endpoint.body }),
      response: {
        ...(endpoint.response && { [endpoint.status]: endpoint.response }),
        ...Object.fromEntries(
          errorStatuses.map((status) => [status, errorBody]),
        ),
      },
    },
    preValidation: async (request) => {
      if (endpoint.access !== "anyone")
        request.actor = await request.server.authenticate(request);
      checkAccess(endpoint.access, request.actor);
    },
    handler: async (request, reply) => {
      const input = {
        params: request.params,
        query: request.query,
        body: request.body,
        actor: request.actor,
      } as EndpointInput<E> & { actor: Caller<E> };
      const result = await handler(input, { request, reply });
      if (reply.sent) return reply;
      if (endpoint.status === 204) return reply.code(204).send();
      return reply
        .code(reply.statusCode === 200 ? endpoint.status : reply.statusCode)
        .send(result);
    },
  });
}
