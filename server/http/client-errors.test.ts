import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import { buildTestApp, type TestApp } from "../test/helpers.js";

/** Writes `chunks` to a new connection, each `gapMs` after the previous; resolves with all that came back. */
function exchange(
  port: number,
  chunks: string[],
  { gapMs = 0 } = {},
): Promise<string> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (data: Buffer) => (received += data.toString()));
    socket.on("error", () => {});
    socket.on("close", () => done(received));
    void (async () => {
      for (const [index, chunk] of chunks.entries()) {
        if (index > 0) await new Promise((wait) => setTimeout(wait, gapMs));
        if (socket.destroyed) return;
        socket.write(chunk);
      }
      setTimeout(() => socket.end(), 2000);
    })();
  });
}

type Answer = {
  status: number;
  headers: Record<string, string>;
  body: unknown;
};

/** The HTTP/1.1 answers in what came back, in order (bodies with Content-Length only). */
function answers(received: string): Answer[] {
  const found: Answer[] = [];
  let rest = received;
  while (rest.startsWith("HTTP/1.1 ")) {
    const end = rest.indexOf("\r\n\r\n");
    const [statusLine, ...lines] = rest.slice(0, end).split("\r\n");
    const headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(":");
        return [
          line.slice(0, colon).toLowerCase(),
          line.slice(colon + 1).trim(),
        ];
      }),
    );
    const length = Number(headers["content-length"] ?? 0);
    const body = rest.slice(end + 4, end + 4 + length);
    found.push({
      status: Number(statusLine!.split(" ")[1]),
      headers,
      body: JSON.parse(body),
    });
    rest = rest.slice(end + 4 + length);
  }
  return found;
}

describe("errors answered before a route runs, over a real socket", () => {
  let database: TestDatabase;
  let ctx: TestApp;
  let port: number;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    ctx = await buildTestApp(database);
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    port = (ctx.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await ctx.app.close();
    await database.drop();
  });

  it.each([
    [
      400,
      "a URL that does not decode",
      "GET /api/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      "Invalid URL",
    ],
    [
      400,
      "malformed HTTP",
      "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
      "Malformed HTTP request",
    ],
    [
      431,
      "headers over Node's limit",
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      "Request headers are too large",
    ],
  ])(
    "answers %i to %s, in the error shape",
    async (status, _what, request, error) => {
      const [answer, ...more] = answers(await exchange(port, [request]));
      expect(more).toEqual([]);
      expect(answer!.status).toBe(status);
      expect(answer!.headers["content-type"]).toMatch(/^application\/json/);
      expect(answer!.body).toEqual({ error });
    },
  );

  // Last: it closes the app. A request that arrives while the app closes, on a connection that a
  // request in flight keeps open, is refused 503 in the error shape, health's included (whose own
  // 503 is its report on the database).
  it("answers requests arriving while it shuts down 503 in the error shape", async () => {
    const body = JSON.stringify({
      title: "In flight",
      description: "Sent before the shutdown began.",
      category: "general",
      priority: "low",
    });
    const inFlightThen = (path: string) =>
      exchange(
        port,
        [
          `POST /api/tickets/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ctx.people.agent.token}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
          `${body.slice(10)}GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`,
        ],
        { gapMs: 500 },
      );
    const exchanges = ["/api/health", "/api/tickets/"].map(inFlightThen);
    await new Promise((wait) => setTimeout(wait, 200));
    const closing = ctx.app.close();
    for (const received of await Promise.all(exchanges)) {
      const [inFlight, refused, ...more] = answers(received);
      expect(inFlight!.status).toBe(201);
      expect(more).toEqual([]);
      expect(refused).toEqual({
        status: 503,
        headers: expect.objectContaining({
          connection: "close",
          "retry-after": "5",
        }),
        body: { error: "Server is shutting down; try again" },
      });
    }
    await closing;
  });
});
