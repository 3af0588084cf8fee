import { describe, expect, it } from "vitest";
import { DB_KINDS, validTicket } from "../test/helpers.js";
import { data, useLiveApp } from "../test/live-helpers.js";

describe.each(DB_KINDS)("GET /api/events with Last-Event-ID on %s", (kind) => {
  const ctx = useLiveApp(kind, { replayMax: 5 });
  const { open, create, patch, say } = ctx;

  it("resumes with Last-Event-ID: what happened while away comes first, nothing lost", async () => {
    const first = await open("agent");
    const id = await create();
    const seen = await first.next((e) => e.event === "ticket");
    first.close();
    await patch(id, { title: "Changed while away" });
    const ritas = await create(validTicket, "requester");
    const messageId = await say("requester", ritas, "Also while away");

    const again = await open("agent", { "last-event-id": seen.id! });
    expect(data(await again.next())).toMatchObject({ id, fields: ["title"] });
    await again.next((e) => e.event === "ticket" && data(e).created);
    expect(data(await again.next())).toMatchObject({ id: messageId });
    const ready = await again.next();
    expect(ready.event).toBe("ready");
    expect(Number(ready.id)).toBeGreaterThan(Number(seen.id));
  });

  it("replays to a resuming requester only their own tickets' public events", async () => {
    const start = await open("requester");
    const from = (await start.next()).id!;
    start.close();
    const ritas = await create({
      ...validTicket,
      requester_email: ctx.people.requester.user.email,
    });
    await say("agent", ritas, "Internal: call them", true);
    await create({
      ...validTicket,
      requester_email: ctx.people.other.user.email,
    });
    const reply = await say("agent", ritas, "We are on it");

    const again = await open("requester", { "last-event-id": from });
    expect((await again.next()).data).toBe(
      JSON.stringify({ id: ritas, created: true, fields: [] }),
    );
    expect(data(await again.next())).toEqual({ ticket_id: ritas, id: reply });
    expect((await again.next()).event).toBe("ready");
  });

  it("answers reset to a Last-Event-ID it cannot resume from, or too far back to replay", async () => {
    const from = (await (await open("agent")).next()).id!;
    for (let i = 0; i < 6; i++) await create();
    for (const lastEventId of [from, "not-a-number", "-1", "999999999"]) {
      const stream = await open("agent", { "last-event-id": lastEventId });
      expect((await stream.next()).event).toBe("reset");
      const ready = await stream.next();
      expect(ready.event).toBe("ready");
      expect(Number(ready.id)).toBeGreaterThan(Number(from));
      expect(Number(ready.id)).toBeLessThan(999999999);
    }
  });
});
