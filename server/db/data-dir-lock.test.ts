import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort, startTs, type NodeProcess } from "../test/node-process.js";
import { validTicket } from "../test/helpers.js";
import { DataDirInUseError, LOCK_FILE, lockDataDir } from "./data-dir-lock.js";

let dataDir: string;
let processes: NodeProcess[] = [];
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "ticketdesk-lock-"));
});
afterEach(() => {
  for (const child of processes) child.kill();
  processes = [];
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = (entry: string, args: string[], env: Record<string, string>) => {
  const child = startTs(entry, args, { DATA_DIR: dataDir, ...env });
  processes.push(child);
  return child;
};

async function startApp() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = start("server/main.ts", [], {
    PORT: String(port),
    HOST: "127.0.0.1",
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
  });
  return { app, url };
}

const admin = { email: "admin@example.test", password: "data dir admin pw" };
async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  });
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

describe("the embedded database's folder, with real processes", () => {
  it("refuses a second app and a seed while the app runs, and is taken over after a kill -9", async () => {
    const first = await startApp();
    await first.app.waitHealthy(first.url);
    const cookie = await signIn(first.url);
    const created = await fetch(`${first.url}/api/tickets/`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(validTicket),
    });
    expect(created.status).toBe(201);

    const second = await startApp();
    expect(await second.app.exitWithin(20_000)).toEqual({
      code: 1,
      signal: null,
    });
    expect(second.app.output()).toContain(
      `in use by another Ticketdesk process (pid ${first.app.pid}: `,
    );
    expect(second.app.output()).toContain("Stop that process first");

    const seed = start("scripts/seed.ts", ["--count", "5"], {});
    expect(await seed.exitWithin(20_000)).toEqual({ code: 1, signal: null });
    expect(seed.output()).toMatch(/stop the app, run the script/);

    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    first.app.kill();
    await first.app.exited;

    const third = await startApp();
    await third.app.waitHealthy(third.url);
    const list = await (
      await fetch(`${third.url}/api/tickets/`, { headers: { cookie } })
    ).json();
    expect(list).toEqual([await created.json()]);
  }, 240_000);
});

describe("lockDataDir", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ticketdesk-lock-unit-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const writeLock = (holder: object) =>
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));

  it("refuses a second lock in the same process until the first is released", () => {
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    lock.release();
    lockDataDir(dir).release();
  });

  it("refuses a folder held by another live process", async () => {
    const other = spawn("sleep", ["30"]);
    try {
      writeLock({ pid: other.pid, command: "sleep 30" });
      expect(() => lockDataDir(dir)).toThrow(`pid ${other.pid}: sleep 30`);
    } finally {
      other.kill();
    }
  });

  it.each([
    ["a process that is gone", { pid: 2 ** 22 + 7, command: "old" }],
    ["a reused pid (another start time)", { pid: 1, started: "0" }],
    ["an unreadable file", "{half"],
  ])("takes over a lock left by %s", (_case, holder) => {
    if (typeof holder === "string") writeFileSync(join(dir, LOCK_FILE), holder);
    else writeLock(holder);
    lockDataDir(dir).release();
  });
});
