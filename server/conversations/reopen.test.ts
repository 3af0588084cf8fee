import { describe, expect, it } from "vitest";
import type { Status } from "../../contract/tickets.js";
import {
  DB_KINDS,
  useTestApp,
  validTicket,
  type Who,
} from "../test/helpers.js";
import { REOPEN_RULE } from "./repo.js";

describe.each(DB_KINDS)("the reopen rule on %s", (kind) => {
  const ctx = useTestApp(kind);

  async function ticketIn(status: Status): Promise<number> {
    const { id } = (
      await ctx.as("requester")({
        method: "POST",
        url: "/api/tickets",
        payload: validTicket,
      })
    ).json();
    await ctx.inject({
      method: "PATCH",
      url: `/api/tickets/${id}`,
      payload: { status },
    });
    return id;
  }
  const reply = (who: Who, id: number, body = "Any news?") =>
    ctx.as(who)({
      method: "POST",
      url: `/api/tickets/${id}/messages`,
      payload: { body },
    });
  const statusOf = async (id: number) =>
    (await ctx.inject({ url: `/api/tickets/${id}` })).json().status;
  const historyOf = async (id: number) =>
    (await ctx.as("requester")({ url: `/api/tickets/${id}/events` })).json();

  it.each(["resolved", "closed"] as const)(
    "a requester's reply on a %s ticket reopens it, as an event by system after the message",
    async (status) => {
      const id = await ticketIn(status);
      expect((await reply("requester", id, "It broke again")).statusCode).toBe(
        201,
      );
      expect(await statusOf(id)).toBe("open");
      const [message, reopened] = (await historyOf(id)).slice(-2);
      expect(message).toMatchObject({
        kind: "message",
        actor: { kind: "user" },
      });
      expect(reopened).toEqual({
        id: expect.any(Number),
        at: expect.any(String),
        actor: { kind: "system", name: REOPEN_RULE },
        kind: "changed",
        field: "status",
        from: status,
        to: "open",
      });
    },
  );

  it.each(["open", "in_progress"] as const)(
    "a requester's reply on an %s ticket leaves its status alone",
    async (status) => {
      const id = await ticketIn(status);
      await reply("requester", id);
      expect(await statusOf(id)).toBe(status);
      expect((await historyOf(id)).at(-1).kind).toBe("message");
    },
  );

  it("an agent's reply or note on a resolved ticket does not reopen it", async () => {
    const id = await ticketIn("resolved");
    await reply("agent", id, "Glad it works");
    await ctx.inject({
      method: "POST",
      url: `/api/tickets/${id}/messages`,
      payload: { body: "Done here", internal: true },
    });
    expect(await statusOf(id)).toBe("resolved");
  });
});
