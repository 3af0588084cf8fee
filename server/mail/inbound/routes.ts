import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { endpoints } from "../../../contract/endpoints.js";
import type { Db } from "../../db/client.js";
import { HttpError } from "../../http/errors.js";
import { route } from "../../http/route.js";
import type { TicketMailRepo } from "../ticket-mail-repo.js";
import { RAW_MAX_BYTES, storeRaw } from "./store.js";

export function inboundRoutes(
  app: FastifyInstance,
  deps: {
    db: Db;
    ticketMail: TicketMailRepo;
    /** INBOUND_TOKEN; the endpoint is off without it. */
    token?: string;
    onStored: () => void;
  },
): void {
  // A raw message arrives as bytes; every other endpoint still refuses it (its schema wants JSON).
  app.addContentTypeParser(
    "message/rfc822",
    { parseAs: "buffer", bodyLimit: RAW_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  route(
    app,
    endpoints.inboundEmail,
    async (_input, { request }) => {
      if (!deps.token)
        throw new HttpError(
          404,
          "The inbound mail endpoint is off",
          "Set INBOUND_TOKEN to take mail here.",
        );
      if (!bearerMatches(request.headers.authorization, deps.token))
        throw new HttpError(401, "A valid INBOUND_TOKEN is needed");
      const raw = request.body;
      if (!Buffer.isBuffer(raw))
        throw new HttpError(415, "Send the message as message/rfc822");
      if (raw.length === 0)
        throw new HttpError(400, "Invalid request body", undefined, {
          body: ["The message is empty"],
        });
      const id = await storeRaw(deps.db, "endpoint", raw);
      if (id !== undefined) deps.onStored();
      return { stored: id !== undefined, id: id ?? null };
    },
    { bodyLimit: RAW_MAX_BYTES },
  );

  route(app, endpoints.attachment, async ({ params, actor }, { reply }) => {
    const file = await deps.ticketMail.attachment(
      params.id,
      params.attachment,
      actor,
    );
    if (!file) throw new HttpError(404, "No such file on this ticket");
    // Always a download, never rendered by the browser: the file is the sender's, not ours.
    return reply
      .header("content-type", "application/octet-stream")
      .header(
        "content-disposition",
        `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      )
      .header("cache-control", "private, no-store")
      .send(file.content) as never;
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
