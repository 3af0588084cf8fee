import { spawn } from "node:child_process";
import { createServer } from "node:net";

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type NodeProcess = {
  pid: number;
  output(): string;
  /** Resolves with how the process ended. */
  exited: Promise<Exit>;
  /** How the process ended, or "running" when it is still running after `ms`. */
  exitWithin(ms: number): Promise<Exit | "running">;
  waitHealthy(url: string, timeoutMs?: number): Promise<void>;
  /** SIGKILL if still running; safe to call twice. */
  kill(): void;
};

/** Runs a TypeScript entry point (through tsx) as its own Node process, with `env` on top of ours. */
export function startTs(
  entry: string,
  args: string[],
  env: Record<string, string>,
): NodeProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((done) =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid!,
    output: () => output,
    exited,
    exitWithin: (ms) =>
      Promise.race([
        exited,
        new Promise<"running">((done) => setTimeout(done, ms, "running")),
      ]),
    // NOTE: generous: the app trains its local triage model before it listens (15 s on a busy 2-core machine).
    async waitHealthy(url, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (!running())
          throw new Error(`exited before it was healthy:\n${output}`);
        const response = await fetch(`${url}/api/health`).catch(() => null);
        if (response?.ok) return;
        await new Promise((wait) => setTimeout(wait, 100));
      }
      throw new Error(`not healthy after ${timeoutMs} ms:\n${output}`);
    },
    kill() {
      if (running()) child.kill("SIGKILL");
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}
