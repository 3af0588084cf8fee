import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buildTestApp,
  DB_KINDS,
  useTestApp,
  validTicket,
  type TestApp,
} from "../test/helpers.js";
import { openSse, type SseStream } from "../test/sse-client.js";

// Several app processes share one PostgreSQL; PGlite is one process by nature.
describe.each(DB_KINDS.filter((kind) => kind === "postgres"))(
  "live updates across app instances on %s",
  () => {
    const ctx = useTestApp("postgres", {
      config: { live: { heartbeatMs: 200 } },
    });
    let other: TestApp;
    let stream: SseStream;
    beforeAll(async () => {
      other = await buildTestApp(ctx.database);
      const base = await ctx.app.listen({ host: "127.0.0.1", port: 0 });
      stream = await openSse(`${base}/api/events`, {
        authorization: `Bearer ${ctx.people.agent.token}`,
      });
      await stream.next((e) => e.event === "ready");
    });
    afterAll(() => other?.close());
    afterEach(() => expect(stream.ended).toBe(false));

    it("a change made through another instance reaches this one's stream within a second", async () => {
      const created = await other.inject({
        method: "POST",
        url: "/api/tickets",
        payload: validTicket,
      });
      const { id } = created.json();
      const event = await stream.next((e) => e.event === "ticket", 1000);
      expect(JSON.parse(event.data)).toEqual({ id, created: true, fields: [] });
      await other.inject({
        method: "PATCH",
        url: `/api/tickets/${id}`,
        payload: { status: "resolved" },
      });
      const changed = await stream.next((e) => e.event === "ticket", 1000);
      expect(JSON.parse(changed.data)).toMatchObject({
        id,
        fields: ["status"],
      });
    });

    it("when its LISTEN connection drops, the instance reconnects and its clients get reset", async () => {
      await ctx.database.session((session) =>
        session.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ticketdesk live updates' AND datname = current_database()",
        ),
      );
      const reset = await stream.next((e) => e.event === "reset", 5000);
      expect(Number(reset.id)).toBeGreaterThan(0);
      const { id } = (
        await other.inject({
          method: "POST",
          url: "/api/tickets",
          payload: validTicket,
        })
      ).json();
      const event = await stream.next((e) => e.event === "ticket", 1000);
      expect(JSON.parse(event.data).id).toBe(id);
    });
  },
);
