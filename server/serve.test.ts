import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort, startTs, type NodeProcess } from "./test/node-process.js";

const REQUEST_TIMEOUT_MS = 2000;
const SHUTDOWN_TIMEOUT_MS = 1500;

let dataDir: string;
let processes: NodeProcess[] = [];
let sockets: Socket[] = [];
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "ticketdesk-serve-"));
});
afterEach(() => {
  for (const socket of sockets) socket.destroy();
  for (const child of processes) child.kill();
  sockets = [];
  processes = [];
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function startApp(
  port: number,
  dir = dataDir,
  env: Record<string, string> = {},
) {
  const app = startTs("server/main.ts", [], {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dir,
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    ...env,
  });
  processes.push(app);
  await app.waitHealthy(`http://127.0.0.1:${port}`);
  return app;
}

/** A client that sends its headers and part of a body, then nothing; resolves with what came back and when. */
function halfBody(port: number) {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  const started = Date.now();
  let received = "";
  socket.on("data", (data: Buffer) => (received += data.toString()));
  socket.on("error", () => {});
  socket.write(
    'POST /api/tickets/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title":',
  );
  const closed = new Promise<{ received: string; afterMs: number }>((done) =>
    socket.on("close", () => done({ received, afterMs: Date.now() - started })),
  );
  return { closed };
}

/** A connection that sends nothing; resolves once connected, with what it will have received when closed. */
function idleConnection(port: number) {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  let received = "";
  socket.on("data", (data: Buffer) => (received += data.toString()));
  socket.on("error", () => {});
  const closed = new Promise<string>((done) =>
    socket.on("close", () => done(received)),
  );
  return new Promise<{ socket: Socket; closed: Promise<string> }>((done) =>
    socket.once("connect", () => done({ socket, closed })),
  );
}

describe("the server process with slow clients, over real sockets", () => {
  it("answers a request whose body stops arriving 408 in the error shape once REQUEST_TIMEOUT_MS has passed", async () => {
    const port = await freePort();
    await startApp(port);
    const { received, afterMs } = await halfBody(port).closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(
      JSON.parse(received.slice(received.indexOf("\r\n\r\n") + 4)),
    ).toEqual({
      error: "Request took too long to arrive",
    });
    expect(afterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(afterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2000);
  });

  it("finishes SIGTERM within the shutdown deadline while a slow client holds a connection", async () => {
    const port = await freePort();
    const app = await startApp(port);
    const slow = halfBody(port);
    await new Promise((wait) => setTimeout(wait, 200));
    const signalled = Date.now();
    process.kill(app.pid, "SIGTERM");
    expect(await app.exitWithin(SHUTDOWN_TIMEOUT_MS + 5000)).toEqual({
      code: 0,
      signal: null,
    });
    expect(Date.now() - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5000);
    expect(app.output()).toContain("shutdown deadline reached");
    await slow.closed;
  });

  it("refuses connections over MAX_CONNECTIONS while those it holds keep working, database included", async () => {
    const port = await freePort();
    const cap = 20;
    await startApp(port, dataDir, { MAX_CONNECTIONS: String(cap) });
    const opened = await Promise.all(
      Array.from({ length: cap + 10 }, () => idleConnection(port)),
    );
    // The kernel completes every handshake; the process refuses the extra ones as it accepts them.
    // The health check's keep-alive connection from startApp may hold one place too.
    const keptNow = () => opened.filter(({ socket }) => !socket.destroyed);
    for (
      let waited = 0;
      keptNow().length > cap && waited < 10_000;
      waited += 100
    )
      await new Promise((wait) => setTimeout(wait, 100));
    await new Promise((wait) => setTimeout(wait, 300));
    const kept = keptNow();
    expect(kept.length).toBeGreaterThanOrEqual(cap - 1);
    expect(kept.length).toBeLessThanOrEqual(cap);
    const held = kept[0]!;
    held.socket.write(
      "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    const answer = await held.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('"db":"ok"');
    for (const { socket } of opened) socket.destroy();
    await new Promise((wait) => setTimeout(wait, 200));
    const after = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(after.status).toBe(200);
  });

  it("stops with one line naming PORT when the port is taken", async () => {
    const port = await freePort();
    await startApp(port);
    const other = mkdtempSync(join(tmpdir(), "ticketdesk-serve-other-"));
    try {
      const second = startTs("server/main.ts", [], {
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: other,
        LOG_LEVEL: "silent",
      });
      processes.push(second);
      expect(await second.exitWithin(60_000)).toEqual({
        code: 1,
        signal: null,
      });
      expect(second.output().trim()).toBe(
        `Port ${port} on 127.0.0.1 is already in use (another Ticketdesk or another program): stop it or set PORT to a free port.`,
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
}, 240_000);
