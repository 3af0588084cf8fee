import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app.js";
import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import { buildTestApp } from "../test/helpers.js";

/**
 * A client that reads the answer only once it has sent its whole body (as many HTTP clients do):
 * resolves with the status line it read, or what went wrong.
 */
function postReadingAfterSending(
  port: number,
  {
    bodyBytes,
    contentType = "application/json",
  }: { bodyBytes: number; contentType?: string },
): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.pause();
    socket.on("data", (data: Buffer) => {
      received += data.toString();
      if (received.endsWith("}")) {
        finish("");
        socket.destroy();
      }
    });
    const finish = (how: string) =>
      resolve(
        received
          ? received.split("\r\n")[0]! +
              received.slice(received.indexOf("\r\n\r\n"))
          : how,
      );
    socket.on("error", (error: NodeJS.ErrnoException) =>
      finish(`error ${error.code}`),
    );
    socket.on("close", () => finish("closed without an answer"));
    socket.write(
      `POST /api/tickets/ HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${bodyBytes}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < bodyBytes) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
      socket.resume();
    };
    socket.on("connect", pump);
    socket.on("error", () => socket.resume());
  });
}

describe("an answer given before the body was read, over a real socket", () => {
  let database: TestDatabase;
  let app: App;
  let port: number;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    app = (await buildTestApp(database)).app;
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it("413 reaches a client still sending an 8 MB body", async () => {
    for (let i = 0; i < 3; i++)
      expect(await postReadingAfterSending(port, { bodyBytes: 8e6 })).toBe(
        'HTTP/1.1 413 Payload Too Large\r\n\r\n{"error":"Request body is too large"}',
      );
  });

  it("415 reaches a client still sending a body of the wrong type", async () => {
    expect(
      await postReadingAfterSending(port, {
        bodyBytes: 4e6,
        contentType: "text/csv",
      }),
    ).toMatch(
      /^HTTP\/1\.1 415 Unsupported Media Type\r\n\r\n\{"error":"Unsupported content type/,
    );
  });
});
