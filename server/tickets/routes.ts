import type { FastifyInstance } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import {
  LIMIT_DEFAULT,
  SEARCH_SCANNED_HEADER,
} from "../../contract/tickets.js";
import { HttpError } from "../http/errors.js";
import { route } from "../http/route.js";
import type { HistoryRepo } from "../history/repo.js";
import type { TicketsRepo } from "./repo.js";
import { decodeSortCursor } from "./sort.js";

export function ticketRoutes(
  app: FastifyInstance,
  repo: TicketsRepo,
  history: HistoryRepo,
): void {
  route(app, endpoints.createTicket, async ({ body, actor }) =>
    repo.create(body, actor),
  );

  route(
    app,
    endpoints.listTickets,
    async ({ query, actor }, { request, reply }) => {
      const { limit = LIMIT_DEFAULT, cursor, sort, ...filters } = query;
      const after =
        cursor === undefined
          ? undefined
          : decodeSortCursor(sort ?? "newest", cursor);
      if (cursor !== undefined && after === undefined) {
        throw new HttpError(400, "Invalid query parameters", undefined, {
          cursor: ["Invalid cursor"],
        });
      }
      const page = await repo.listPage(filters, actor, limit, after, sort);
      // A cursor naming no ticket (or one the caller may not see) would answer an empty page: say
      // it is wrong instead. Checked only then, so a normal page costs no extra query.
      if (after !== undefined && page.tickets.length === 0)
        if (!(await repo.get(after.id, actor)))
          throw new HttpError(400, "Invalid query parameters", undefined, {
            cursor: ["Invalid cursor"],
          });
      if (page.next) reply.header("link", nextLink(request.url, page.next));
      if (page.scanned !== undefined)
        reply.header(SEARCH_SCANNED_HEADER, String(page.scanned));
      return page.tickets;
    },
  );

  route(app, endpoints.ticketStats, async ({ query, actor }) =>
    repo.stats(query, actor),
  );

  route(
    app,
    endpoints.getTicket,
    async ({ params, actor }) =>
      (await repo.get(params.id, actor)) ?? notFound(),
  );

  route(
    app,
    endpoints.updateTicket,
    async ({ params, body, actor }) =>
      (await repo.update(params.id, body, actor)) ?? notFound(),
  );

  route(app, endpoints.ticketEvents, async ({ params, actor }) => {
    if (!(await repo.get(params.id, actor))) notFound();
    return history.list(params.id, actor);
  });
}

/** Another requester's ticket is "not found" too: its existence is not theirs to learn. */
function notFound(): never {
  throw new HttpError(404, "Ticket not found");
}

/** The same path and filters, with the cursor replaced. */
function nextLink(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl, "http://localhost");
  url.searchParams.set("cursor", cursor);
  return `<${url.pathname}${url.search}>; rel="next"`;
}
