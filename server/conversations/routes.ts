import type { FastifyInstance } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import { HttpError } from "../http/errors.js";
import { route } from "../http/route.js";
import type { ConversationsRepo } from "./repo.js";

export function conversationRoutes(
  app: FastifyInstance,
  repo: ConversationsRepo,
): void {
  route(
    app,
    endpoints.listMessages,
    async ({ params, actor }) =>
      (await repo.list(params.id, actor)) ?? notFound(),
  );

  route(
    app,
    endpoints.postMessage,
    async ({ params, body, actor }) =>
      (await repo.post(params.id, body, actor)) ?? notFound(),
  );
}

/** Another requester's ticket is "not found" too: its existence is not theirs to learn. */
function notFound(): never {
  throw new HttpError(404, "Ticket not found");
}
