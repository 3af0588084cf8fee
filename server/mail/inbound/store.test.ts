import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../../test/databases.js";
import { rawMail } from "../../test/mail-builder.js";
import { cursorRepo, dedupeKey, storeRaw } from "./store.js";

describe.each(DB_KINDS)("raw storage and the IMAP cursor on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("moves the cursor with each message, ignores a UID it has passed, and starts again on a new UIDVALIDITY without storing twice", async () => {
    const cursors = cursorRepo(database.db);
    const mailbox = "desk@imap.test:993/INBOX";
    const first = await rawMail({ messageId: "<uid-1@customer.test>" });
    const second = await rawMail({ messageId: "<uid-2@customer.test>" });
    expect(await cursors.lastUid(mailbox, 7)).toBe(0);
    expect(await cursors.store(mailbox, 7, 1, first)).toBeTypeOf("number");
    expect(await cursors.store(mailbox, 7, 2, second)).toBeTypeOf("number");
    // Another process that read UID 2 too stores nothing.
    expect(await cursors.store(mailbox, 7, 2, second)).toBeUndefined();
    expect(await cursors.lastUid(mailbox, 7)).toBe(2);
    // The server renumbered its mailbox: read from the start, nothing stored twice.
    expect(await cursors.lastUid(mailbox, 8)).toBe(0);
    expect(await cursors.store(mailbox, 8, 1, first)).toBeUndefined();
    expect(await cursors.lastUid(mailbox, 8)).toBe(1);
  });

  it("keys a message by its Message-ID, or by its bytes when it has none", async () => {
    const raw = Buffer.from("From: a@b.test\r\nSubject: no id\r\n\r\nbody\r\n");
    expect(dedupeKey(raw)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await storeRaw(database.db, "endpoint", raw)).toBeTypeOf("number");
    expect(await storeRaw(database.db, "endpoint", raw)).toBeUndefined();
    expect(dedupeKey(Buffer.from("Message-Id:\r\n <x@y.test>\r\n\r\n"))).toBe(
      "<x@y.test>",
    );
  });
});
