/**
 * An SMTP server in the test process (the `smtp-server` package) that keeps every mail it accepts:
 * the sink for the desk's outgoing mail. It can be stopped and started again on the same port to
 * play an SMTP server that is down for a while, and told to refuse recipients.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SinkMail = {
  raw: string;
  /** performance.now() when its data was complete. */
  arrived: number;
  parsed: ParsedMail;
  to: string[];
  /** Header values as sent, lower-case names. */
  header(name: string): string | undefined;
};

export async function startSmtpSink() {
  const received: SinkMail[] = [];
  const refused = new Set<string>();
  let server: SMTPServer | undefined;
  let port = 0;
  const waiters = new Set<() => void>();
  const listeners = new Set<(mail: SinkMail) => void>();

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      // Going down cuts open connections (421) at once instead of waiting 30 s for them to finish.
      closeTimeout: 100,
      onRcptTo(address, _session, callback) {
        if (refused.has(address.address.toLowerCase())) {
          const error = new Error("No such user here") as Error & {
            responseCode: number;
          };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          // Timed as it arrives, before parsing (which the benchmark must not count).
          const arrived = performance.now();
          simpleParser(raw).then((parsed) => {
            const mail = {
              raw,
              parsed,
              arrived,
              to: session.envelope.rcptTo.map((r) => r.address),
              header: (name: string) => headerValue(raw, name),
            };
            received.push(mail);
            for (const listener of listeners) listener(mail);
            for (const wake of waiters) wake();
            callback();
          }, callback);
        });
      },
    });

  async function up(): Promise<void> {
    server = create();
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, "127.0.0.1", () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
  }

  await up();
  return {
    received,
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    /** Stops accepting connections (open ones are cut), like a server that went away. */
    async down(): Promise<void> {
      const closing = server;
      server = undefined;
      await new Promise<void>((resolve) => closing?.close(() => resolve()));
    },
    up,
    refuse: (address: string) => refused.add(address.toLowerCase()),
    /** Calls `listener` with each mail from now on; returns the unsubscribe. */
    onMail(listener: (mail: SinkMail) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Resolves once `count` mails have arrived in all (fails after `ms`). */
    async waitFor(count: number, ms = 10_000): Promise<SinkMail[]> {
      const deadline = Date.now() + ms;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `expected ${count} mails in the sink, got ${received.length}`,
          );
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) =>
        server ? server.close(() => resolve()) : resolve(),
      ),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** One header's unfolded value from a raw message's header block. */
function headerValue(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
