import { readFileSync } from "node:fs";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";

export type ServeSettings = {
  port: number;
  host: string;
  maxConnections?: number;
  shutdownTimeoutMs: number;
};

// File descriptors left for the database, the log and outgoing connections when capping clients.
const RESERVED_FILES = 256;
const DEFAULT_MAX_CONNECTIONS = 8_192;
// After the deadline has cut every connection, closing the database gets this long before a hard exit.
const EXIT_GRACE_MS = 5_000;

/**
 * Listens with a cap on connections below the process's file limit, and on SIGTERM or SIGINT stops
 * taking connections, lets requests in flight finish, cuts whatever is still open at the deadline,
 * closes the rest (`close`) and exits. Exits with a one-line message when the port is taken.
 */
export async function serve(
  { app, close }: { app: FastifyInstance; close(): Promise<void> },
  settings: ServeSettings,
  log: FastifyBaseLogger,
): Promise<void> {
  app.server.maxConnections = connectionCap(settings.maxConnections, log);
  let dropped = 0;
  app.server.on("drop", () => {
    // Logged once per burst, not once per refused connection.
    if (dropped++ === 0)
      setTimeout(() => {
        log.warn(
          { dropped, maxConnections: app.server.maxConnections },
          "connection cap reached: refused new connections",
        );
        dropped = 0;
      }, 10_000).unref();
  });
  closeOnSignals(app, close, settings.shutdownTimeoutMs, log);
  try {
    await app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    const message = `Port ${settings.port} on ${settings.host} is already in use (another Ticketdesk or another program): stop it or set PORT to a free port.`;
    log.fatal(message);
    process.stderr.write(`${message}\n`);
    await close().catch(() => {});
    process.exit(1);
  }
}

/** The configured cap, or a default, kept below the open-files limit so that the database can always open one. */
export function connectionCap(
  configured: number | undefined,
  log: FastifyBaseLogger,
): number {
  const files = openFilesLimit();
  const room = files === undefined ? undefined : files - RESERVED_FILES;
  const wanted = configured ?? DEFAULT_MAX_CONNECTIONS;
  if (room === undefined || wanted <= room) return wanted;
  if (configured !== undefined)
    log.warn(
      { maxConnections: configured, openFilesLimit: files },
      `MAX_CONNECTIONS is above the open-files limit less ${RESERVED_FILES}: using ${Math.max(1, room)}`,
    );
  return Math.max(1, room);
}

/** The soft limit on open files (Linux: /proc/self/limits; Node raises it to the hard limit at start). */
function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((text) => text.startsWith("Max open files"));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isSafeInteger(soft) ? soft : undefined;
  } catch {
    return undefined;
  }
}

function closeOnSignals(
  app: FastifyInstance,
  close: () => Promise<void>,
  deadlineMs: number,
  log: FastifyBaseLogger,
): void {
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log.info(
      { signal, deadlineMs },
      "shutting down: finishing requests in flight",
    );
    // NOTE: a second signal while closing forces the exit.
    process.once(signal, () => process.exit(1));
    const cut = setTimeout(() => {
      log.warn("shutdown deadline reached: cutting the connections still open");
      app.server.closeAllConnections();
      setTimeout(() => process.exit(1), EXIT_GRACE_MS).unref();
    }, deadlineMs);
    try {
      await close();
      clearTimeout(cut);
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, "error while shutting down");
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
