import { beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, useTestApp, validTicket } from "../test/helpers.js";

const BLANK = [
  "\u200b",
  "\u0085",
  "\ufeff",
  " \u00a0\u2060\u3000 ",
  "\u{e0020}",
];
const LONE_SURROGATES = ["\u00e9\udc00", "\ud800", "a\ud83d b"];

describe.each(DB_KINDS)("ticket text on %s", (kind) => {
  const ctx = useTestApp(kind);
  let id: number;
  beforeAll(async () => {
    id = (await send("POST", "/api/tickets/", validTicket)).json().id;
  });
  // JSON.stringify writes a lone surrogate as a \u escape, exactly as a client would send it.
  const send = (method: "POST" | "PATCH", url: string, body: object) =>
    ctx.inject({
      method,
      url,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(body),
    });
  const writes = (field: string, value: string) => [
    send("POST", "/api/tickets/", { ...validTicket, [field]: value }),
    send("PATCH", `/api/tickets/${id}/`, { [field]: value }),
  ];

  it.each(["title", "description"].flatMap((f) => BLANK.map((v) => [f, v])))(
    "refuses a %s of only %j with 400, on create and on change",
    async (field, value) => {
      for (const response of await Promise.all(writes(field, value))) {
        expect(response.statusCode).toBe(400);
        expect(response.json().fields[field]).toEqual([
          `${field === "title" ? "Title" : "Description"} must not be blank`,
        ]);
      }
    },
  );

  it.each(
    ["title", "description"].flatMap((f) => LONE_SURROGATES.map((v) => [f, v])),
  )(
    "refuses a %s with a lone surrogate (%j) with 400",
    async (field, value) => {
      for (const response of await Promise.all(writes(field, value))) {
        expect(response.statusCode).toBe(400);
        expect(response.json().fields[field][0]).toMatch(/lone surrogate/);
      }
    },
  );

  // NOTE: a URL cannot carry one: invalid UTF-8 escapes decode to U+FFFD, so search needs no test here.
  it("refuses a lone surrogate in a classify request with 400", async () => {
    const classify = await send("POST", "/api/tickets/classify/", {
      description: "Broken \ud800",
    });
    expect(classify.statusCode).toBe(400);
    expect(classify.json().fields).toHaveProperty("description");
  });

  it("trims spaces and controls but keeps invisible characters that are part of the text", async () => {
    const response = await send("POST", "/api/tickets/", {
      ...validTicket,
      title: "\u0085\u3000 Love it ❤️\u200d🔥\n",
      description: "\ufeff\u200bsee 😀 here\u200b",
    });
    expect(response.statusCode).toBe(201);
    const ticket = response.json();
    expect(ticket.title).toBe("Love it ❤️\u200d🔥");
    expect(ticket.description).toBe("\u200bsee 😀 here\u200b");
    const stored = await ctx.inject({ url: `/api/tickets/${ticket.id}/` });
    expect(stored.json()).toEqual(ticket);
  });
});
