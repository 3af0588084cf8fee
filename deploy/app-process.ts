import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  appEnvironment,
  composeWithDefaults,
  readRuntimeStage,
} from "./image.js";

const runtime = readRuntimeStage();

/** The image's `node` is this test run's Node. */
const executable = (command = "") =>
  command === "node" ? process.execPath : command;

/**
 * The environment the compose file gives the app container (defaults, no .env), on top of the
 * Dockerfile's ENV, with the database and the port pointed elsewhere by `overrides`.
 */
export function containerEnvironment(overrides: Record<string, string>) {
  return {
    ...runtime.env,
    ...appEnvironment(composeWithDefaults()),
    ...overrides,
  };
}

/** The POSTGRES_* variables that reach the database at `url` instead of the compose `db` service. */
export function postgresVariables(url: string): Record<string, string> {
  const parsed = new URL(url);
  return {
    POSTGRES_HOST: parsed.hostname,
    POSTGRES_PORT: parsed.port || "5432",
    POSTGRES_DB: decodeURIComponent(parsed.pathname.slice(1)),
    POSTGRES_USER: decodeURIComponent(parsed.username),
    POSTGRES_PASSWORD: decodeURIComponent(parsed.password),
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

/**
 * A directory laid out like the image's WORKDIR (package.json, node_modules, dist and nothing
 * else), so the command cannot lean on sources or a developer's .env in the checkout.
 */
function imageWorkdir(): string {
  const missing = runtime.cmd
    .slice(1)
    .find((arg) => arg.endsWith(".js") && !existsSync(arg));
  if (missing)
    throw new Error(
      `${missing} is missing: run "npm run build" before the deployment tests`,
    );
  const dir = mkdtempSync(join(tmpdir(), "ticketdesk-image-"));
  for (const entry of ["package.json", "node_modules", "dist"])
    symlinkSync(resolve(entry), join(dir, entry));
  return dir;
}

export type AppProcess = {
  url: string;
  env: Record<string, string>;
  output(): string;
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Sends SIGTERM and resolves with how the process ended. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running, and remove the work directory; safe to call twice. */
  kill(): void;
};

/** Runs the Dockerfile's CMD outside Docker, in an image-like directory, with only `env` set. */
export function startImageCommand(env: Record<string, string>): AppProcess {
  const [command, ...args] = runtime.cmd;
  const cwd = imageWorkdir();
  const child = spawn(executable(command), args, {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>((done) => child.once("exit", (code, signal) => done({ code, signal })));
  const url = `http://127.0.0.1:${env.PORT}`;

  return {
    url,
    env,
    output: () => output,
    async waitHealthy(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`the app exited before it was healthy:\n${output}`);
        const response = await fetch(`${url}/api/health`).catch(() => null);
        if (response?.ok) return;
        await new Promise((wait) => setTimeout(wait, 100));
      }
      throw new Error(
        `the app was not healthy after ${timeoutMs} ms:\n${output}`,
      );
    },
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null)
        child.kill("SIGKILL");
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

/** Runs the Dockerfile's HEALTHCHECK command as Docker would in the container; resolves with its exit code. */
export async function runHealthcheck(
  env: Record<string, string>,
): Promise<number | null> {
  const [command, ...args] = runtime.healthcheck;
  const child = spawn(executable(command), args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: "ignore",
  });
  return new Promise((done) => child.once("exit", (code) => done(code)));
}
