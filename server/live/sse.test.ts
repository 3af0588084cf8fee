import { describe, expect, it } from "vitest";
import { LiveMessage, LiveTicket } from "../../contract/live.js";
import type { Actor } from "../http/route.js";
import type { LiveRow } from "./repo.js";
import { format, toEvents } from "./sse.js";

const person = (id: number, role: Actor["user"]["role"]): Actor => ({
  user: { id, role, email: "", name: "", disabled: false, created_at: "" },
  via: "token",
});
let nextId = 1;
const row = (fields: Partial<LiveRow>): LiveRow => ({
  id: nextId++,
  ticketId: 1,
  requesterId: 7,
  kind: "changed",
  field: null,
  internal: false,
  messageId: null,
  ...fields,
});

describe("toEvents", () => {
  const rows = [
    row({ kind: "created" }),
    row({ field: "status" }),
    row({ kind: "assigned" }),
    row({ kind: "message", messageId: 40, internal: true }),
    row({ kind: "message", messageId: 41 }),
    row({ ticketId: 2, requesterId: 8, field: "priority" }),
    row({ field: "title" }),
  ];

  it("makes one ticket event per run of changes to a ticket, one message event per message", () => {
    const events = toEvents(rows, person(3, "agent"));
    expect(events).toEqual([
      {
        event: "ticket",
        data: { id: 1, created: true, fields: ["status", "assignee"] },
      },
      { event: "message", data: { ticket_id: 1, id: 40 } },
      { event: "message", data: { ticket_id: 1, id: 41 } },
      {
        event: "ticket",
        data: { id: 2, created: false, fields: ["priority"] },
      },
      { event: "ticket", data: { id: 1, created: false, fields: ["title"] } },
    ]);
    for (const { event, data } of events)
      (event === "ticket" ? LiveTicket : LiveMessage).parse(data);
  });

  it("gives a requester their own tickets only, without internal notes", () => {
    expect(toEvents(rows, person(7, "requester")).map((e) => e.data)).toEqual([
      { id: 1, created: true, fields: ["status", "assignee"] },
      { ticket_id: 1, id: 41 },
      { id: 1, created: false, fields: ["title"] },
    ]);
    expect(toEvents(rows, person(9, "requester"))).toEqual([]);
  });
});

describe("format", () => {
  it("writes one event in the text/event-stream format, with an id when given", () => {
    expect(format("ticket", { id: 1 }, 12)).toBe(
      'id: 12\nevent: ticket\ndata: {"id":1}\n\n',
    );
    expect(format("reset", {})).toBe("event: reset\ndata: {}\n\n");
  });
});
