/** Raw storage first: a message is in the database before anything is done with it. */
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { imapCursors, inboundEmails } from "../../db/schema.js";

/** The most a stored message may weigh (what providers accept, with headroom). */
export const RAW_MAX_BYTES = 25 * 1024 * 1024;

/** The Message-ID from the header block, or a hash of the whole message for mail without one. */
export function dedupeKey(raw: Buffer): string {
  const head = raw
    .subarray(0, 64 * 1024)
    .toString("latin1")
    .split(/\r?\n\r?\n/, 1)[0]!
    .replace(/\r?\n[ \t]+/g, " ");
  const match = /^message-id:\s*(<[^>\s]{1,900}>|[^\s]{1,900})/im.exec(head);
  if (match) {
    const id = match[1]!;
    return id.startsWith("<") ? id : `<${id}>`;
  }
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

/** Stores a message; undefined when one with the same Message-ID (or bytes) is stored already. */
export async function storeRaw(
  db: Db,
  source: string,
  raw: Buffer,
): Promise<number | undefined> {
  const [row] = await db
    .insert(inboundEmails)
    .values({ source, raw, dedupeKey: dedupeKey(raw) })
    .onConflictDoNothing({ target: inboundEmails.dedupeKey })
    .returning({ id: inboundEmails.id });
  return row?.id;
}

export function cursorRepo(db: Db) {
  return {
    /** The last UID read from `mailbox`, 0 when its UIDVALIDITY changed (or it was never read). */
    async lastUid(mailbox: string, uidValidity: number): Promise<number> {
      const [row] = await db
        .insert(imapCursors)
        .values({ mailbox, uidValidity, lastUid: 0 })
        .onConflictDoUpdate({
          target: imapCursors.mailbox,
          set: {
            lastUid: sql`CASE WHEN ${imapCursors.uidValidity} = ${uidValidity} THEN ${imapCursors.lastUid} ELSE 0 END`,
            uidValidity,
          },
        })
        .returning({ lastUid: imapCursors.lastUid });
      return row!.lastUid;
    },

    /**
     * Stores one message read at `uid` and moves the cursor past it, in one transaction: a crash
     * before the commit reads it again, after it never. Another process that read it too finds the
     * cursor past it (or the same Message-ID) and stores nothing.
     */
    async store(
      mailbox: string,
      uidValidity: number,
      uid: number,
      raw: Buffer,
    ): Promise<number | undefined> {
      return db.transaction(async (tx) => {
        const [cursor] = await tx
          .select()
          .from(imapCursors)
          .where(eq(imapCursors.mailbox, mailbox))
          .for("update");
        if (
          !cursor ||
          cursor.uidValidity !== uidValidity ||
          cursor.lastUid >= uid
        )
          return undefined;
        const id = await storeRaw(tx, `imap:${mailbox}`, raw);
        await tx
          .update(imapCursors)
          .set({ lastUid: uid, updatedAt: sql`now()` })
          .where(eq(imapCursors.mailbox, mailbox));
        return id;
      });
    },
  };
}
