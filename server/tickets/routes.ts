import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ApiErrorBody } from "../../contract/errors.js";
import {
  CreateTicket,
  LIMIT_DEFAULT,
  ListQuery,
  Stats,
  Ticket,
  TicketFilters,
  TicketId,
  TicketList,
  UpdateTicket,
} from "../../contract/tickets.js";
import { HttpError } from "../http/errors.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import type { TicketsRepo } from "./repo.js";

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 413: ApiErrorBody };

export function ticketRoutes(app: FastifyInstance, repo: TicketsRepo): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post("/api/tickets", {
    schema: {
      tags: ["tickets"],
      body: CreateTicket,
      response: { 201: Ticket, ...errors },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await repo.create(request.body)),
  });

  api.get("/api/tickets", {
    schema: {
      tags: ["tickets"],
      querystring: ListQuery,
      response: { 200: TicketList, 400: ApiErrorBody },
    },
    handler: async (request, reply) => {
      const { limit = LIMIT_DEFAULT, cursor, ...filters } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && after === undefined) {
        throw new HttpError(400, "Invalid query parameters", undefined, {
          cursor: ["Invalid cursor"],
        });
      }
      const page = await repo.listPage(filters, limit, after);
      const last = page.tickets.at(-1);
      if (page.hasMore && last)
        reply.header("link", nextLink(request.url, encodeCursor(last.id)));
      return page.tickets;
    },
  });

  api.get("/api/tickets/stats", {
    schema: {
      tags: ["tickets"],
      querystring: TicketFilters,
      response: { 200: Stats, 400: ApiErrorBody },
    },
    handler: async (request) => repo.stats(request.query),
  });

  api.get("/api/tickets/:id", {
    schema: {
      tags: ["tickets"],
      params: TicketId,
      response: { 200: Ticket, ...errors },
    },
    handler: async (request) =>
      (await repo.get(request.params.id)) ?? notFound(),
  });

  api.patch("/api/tickets/:id", {
    schema: {
      tags: ["tickets"],
      params: TicketId,
      body: UpdateTicket,
      response: { 200: Ticket, ...errors },
    },
    handler: async (request) =>
      (await repo.update(request.params.id, request.body)) ?? notFound(),
  });
}

function notFound(): never {
  throw new HttpError(404, "Ticket not found");
}

/** The same path and filters, with the cursor replaced. */
function nextLink(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl, "http://localhost");
  url.searchParams.set("cursor", cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}
