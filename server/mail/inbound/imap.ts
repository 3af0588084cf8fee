/**
 * Follows one IMAP mailbox: IDLE (new mail arrives as an EXISTS) plus a look every 60 s, reading
 * every message past the stored cursor (UIDVALIDITY + last UID) and storing it raw before the cursor
 * moves. Nothing is flagged, moved or deleted on the server.
 */
import type { FastifyBaseLogger } from "fastify";
import { ImapFlow } from "imapflow";
import type { Db } from "../../db/client.js";
import { cursorRepo, RAW_MAX_BYTES } from "./store.js";

export type ImapOptions = { pollMs: number; reconnectMs: number };
export const DEFAULT_IMAP: ImapOptions = { pollMs: 60_000, reconnectMs: 5000 };

/** `imaps://user:password@host:993/INBOX` → connection settings and the cursor's name (no password). */
export function imapTarget(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === "imaps:";
  const port = Number(parsed.port) || (secure ? 993 : 143);
  const path = decodeURIComponent(parsed.pathname.slice(1)) || "INBOX";
  const user = decodeURIComponent(parsed.username);
  return {
    name: `${user}@${parsed.hostname}:${port}/${path}`,
    path,
    connection: {
      host: parsed.hostname,
      port,
      secure,
      auth: { user, pass: decodeURIComponent(parsed.password) },
    },
  };
}

export function followMailbox(deps: {
  url: string;
  db: Db;
  log: FastifyBaseLogger;
  /** Called after a message was stored (to wake the processor of this process). */
  onStored: () => void;
  options?: Partial<ImapOptions>;
}) {
  const options = { ...DEFAULT_IMAP, ...deps.options };
  const target = imapTarget(deps.url);
  const cursors = cursorRepo(deps.db);
  const log = deps.log.child({ mailbox: target.name });
  let stopped = false;
  let client: ImapFlow | undefined;
  let wakeReconnect = () => {};

  async function readNew(imap: ImapFlow): Promise<void> {
    const mailbox = imap.mailbox;
    if (!mailbox || mailbox.exists === 0) return;
    const uidValidity = Number(mailbox.uidValidity);
    const last = await cursors.lastUid(target.name, uidValidity);
    for await (const message of imap.fetch(
      `${last + 1}:*`,
      { uid: true, source: true, size: true },
      { uid: true },
    )) {
      if (message.uid <= last || !message.source) continue;
      if (message.source.length > RAW_MAX_BYTES) {
        log.warn(
          { uid: message.uid, size: message.source.length },
          "message over 25 MiB skipped",
        );
        continue;
      }
      const id = await cursors.store(
        target.name,
        uidValidity,
        message.uid,
        message.source,
      );
      if (id !== undefined) deps.onStored();
    }
  }

  async function session(): Promise<void> {
    const imap = new ImapFlow({
      ...target.connection,
      logger: false,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      // IDLE a second after the last command (imapflow waits 15 s by default): new mail arrives at once.
      autoIdleDelay: 1000,
    });
    client = imap;
    // Reads run one after another: an EXISTS during a read queues the next one.
    let reading = Promise.resolve();
    const read = () => {
      reading = reading
        .then(() => readNew(imap))
        .catch((error: unknown) => {
          log.warn({ err: error }, "could not read the mailbox");
          imap.close();
        });
      return reading;
    };
    const closed = new Promise<void>((resolve) =>
      imap.once("close", () => resolve()),
    );
    imap.on("error", (error: unknown) =>
      log.warn({ err: error }, "IMAP error"),
    );
    imap.on("exists", () => void read());
    await imap.connect();
    await imap.mailboxOpen(target.path, { readOnly: true });
    log.info("following the mailbox");
    await read();
    const poll = setInterval(() => void read(), options.pollMs);
    await closed;
    clearInterval(poll);
    await reading;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      try {
        await session();
      } catch (error) {
        log.warn({ err: error }, "IMAP connection failed");
      }
      client = undefined;
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.reconnectMs);
        wakeReconnect = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  const running = run();
  return {
    async close(): Promise<void> {
      stopped = true;
      wakeReconnect();
      await client?.logout().catch(() => client?.close());
      await running;
    },
  };
}
