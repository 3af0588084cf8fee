import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/databases.js";
import { startDovecot, type Dovecot } from "../../test/dovecot.js";
import { buildTestApp, DB_KINDS } from "../../test/helpers.js";
import { rawMail } from "../../test/mail-builder.js";

/** Generous: the machine running the tests may be busy. */
const POLL = { timeout: 15_000, interval: 50 };

describe.each(DB_KINDS)(
  "mail from a real IMAP server (Dovecot) on %s",
  (kind) => {
    let dovecot: Dovecot;
    let database: TestDatabase;
    beforeAll(async () => {
      dovecot = await startDovecot();
      database = await createTestDatabase(kind);
    });
    afterAll(async () => {
      await database?.drop();
      await dovecot?.stop();
    });
    const start = () =>
      buildTestApp(database, {
        config: {
          mail: {
            from: { address: "support@desk.test" },
            baseUrl: "https://desk.test",
            imapUrls: [dovecot.url],
            // IDLE must bring new mail: the poll is far away.
            imap: { pollMs: 60_000, reconnectMs: 200 },
            inboundPollMs: 200,
          },
        },
      });
    const count = async (sqlText: string) =>
      (await database.session((s) => s.query<{ n: number }>(sqlText)))[0]!.n;

    it("a mail appended to the mailbox becomes a ticket; across a restart nothing is lost and nothing is processed twice", async () => {
      let app = await start();
      await dovecot.append(
        await rawMail({
          subject: "Hello over IMAP",
          messageId: "<imap-0@customer.test>",
        }),
      );
      await expect
        .poll(
          () =>
            count(
              "SELECT count(*)::int AS n FROM tickets WHERE title = 'Hello over IMAP'",
            ),
          POLL,
        )
        .toBe(1);

      const batch = async (from: number, to: number) => {
        const mails = [];
        for (let i = from; i < to; i++)
          mails.push(
            await rawMail({
              subject: `Batch ${i}`,
              messageId: `<imap-${i}@customer.test>`,
            }),
          );
        await dovecot.append(...mails);
      };
      await batch(1, 21);
      // Stop while the batch is still arriving, then start a new process on the same database.
      await new Promise((done) => setTimeout(done, 150));
      await app.close();
      const afterStop = await count(
        "SELECT count(*)::int AS n FROM inbound_emails",
      );
      await batch(21, 31);
      app = await start();
      await expect
        .poll(
          () =>
            count(
              "SELECT count(*)::int AS n FROM inbound_emails WHERE status = 'processed'",
            ),
          POLL,
        )
        .toBe(31);
      expect(afterStop).toBeLessThan(31);
      expect(await count("SELECT count(*)::int AS n FROM tickets")).toBe(31);
      expect(
        await count(
          "SELECT count(*)::int AS n FROM (SELECT title FROM tickets GROUP BY title HAVING count(*) > 1) t",
        ),
      ).toBe(0);
      await app.close();

      // Nothing was flagged (read) or removed on the server.
      const client = new ImapFlow({ ...imapOf(dovecot.url), logger: false });
      await client.connect();
      await client.mailboxOpen("INBOX", { readOnly: true });
      const flags = [];
      for await (const message of client.fetch("1:*", { flags: true }))
        // \Recent is the server's own session flag, not one a client sets.
        flags.push(...[...message.flags!].filter((f) => f !== "\\Recent"));
      await client.logout();
      expect(flags).toEqual([]);
      expect(await count("SELECT last_uid::int AS n FROM imap_cursors")).toBe(
        31,
      );
    });
  },
);

function imapOf(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    secure: false,
    auth: { user: parsed.username, pass: decodeURIComponent(parsed.password) },
  };
}
