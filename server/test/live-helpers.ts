import { afterEach, beforeAll } from "vitest";
import type { LiveOptions } from "../live/hub.js";
import { useTestApp, validTicket, type DbKind, type Who } from "./helpers.js";
import { openSse, type SseStream } from "./sse-client.js";

/**
 * useTestApp on a real port, with helpers to open SSE streams as one of the people (closed after
 * each test) and to make the changes that streams hear of.
 */
export function useLiveApp(kind: DbKind, live: LiveOptions) {
  const ctx = useTestApp(kind, { config: { live } });
  const streams: SseStream[] = [];
  let base = "";
  beforeAll(async () => {
    base = await ctx.app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterEach(() => streams.splice(0).forEach((stream) => stream.close()));

  return Object.assign(ctx, {
    get base() {
      return base;
    },
    async open(
      who: Who | { token: string },
      headers: Record<string, string> = {},
    ) {
      const token = typeof who === "string" ? ctx.people[who].token : who.token;
      const stream = await openSse(`${base}/api/events`, {
        authorization: `Bearer ${token}`,
        ...headers,
      });
      streams.push(stream);
      return stream;
    },
    async create(payload: object = validTicket, who: Who = "agent") {
      const response = await ctx.as(who)({
        method: "POST",
        url: "/api/tickets",
        payload,
      });
      return response.json().id as number;
    },
    patch: (id: number, payload: object) =>
      ctx.inject({ method: "PATCH", url: `/api/tickets/${id}`, payload }),
    async say(who: Who, id: number, body: string, internal = false) {
      const response = await ctx.as(who)({
        method: "POST",
        url: `/api/tickets/${id}/messages`,
        payload: { body, ...(internal && { internal }) },
      });
      return response.json().id as number;
    },
  });
}

export const data = (event: { data: string }) => JSON.parse(event.data);
