/** Processes stored mail in every app process: claims pending rows (SKIP LOCKED), one at a time in order. */
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../db/client.js";
import { inboundEmails } from "../../db/schema.js";
import { startQueueLoop } from "../queue-loop.js";
import { processInbound, type InboundSettings } from "./process.js";

const BATCH = 20;
const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 5;

export function startInboundProcessor(deps: {
  database: Pick<Database, "db" | "listen">;
  settings: InboundSettings;
  log: FastifyBaseLogger;
  pollMs?: number;
}) {
  const { db } = deps.database;
  const { log } = deps;

  async function claim() {
    const due = db
      .select({ id: inboundEmails.id })
      .from(inboundEmails)
      .where(
        and(
          eq(inboundEmails.status, "pending"),
          or(
            isNull(inboundEmails.lockedUntil),
            lt(inboundEmails.lockedUntil, sql`now()`),
          ),
        ),
      )
      .orderBy(asc(inboundEmails.id))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    const claimed = await db
      .update(inboundEmails)
      .set({
        lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
        attempts: sql`${inboundEmails.attempts} + 1`,
      })
      .where(inArray(inboundEmails.id, due))
      .returning({
        id: inboundEmails.id,
        raw: inboundEmails.raw,
        attempts: inboundEmails.attempts,
      });
    // NOTE: PGlite returns bytea as a Uint8Array, which mailparser would take for a stream.
    return claimed
      .map((row) => ({ ...row, raw: Buffer.from(row.raw) }))
      .sort((a, b) => a.id - b.id);
  }

  async function handle(row: { id: number; raw: Buffer; attempts: number }) {
    try {
      const outcome = await processInbound(db, deps.settings, row);
      if (outcome)
        log.info(
          { inbound: row.id, status: outcome.status, ticket: outcome.ticketId },
          "inbound mail processed",
        );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = row.attempts >= MAX_ATTEMPTS;
      log.error(
        { inbound: row.id, err: error },
        "inbound mail could not be processed",
      );
      await db
        .update(inboundEmails)
        .set(
          last
            ? {
                status: "failed",
                reason: reason.slice(0, 1000),
                processedAt: sql`now()`,
                lockedUntil: null,
              }
            : {
                reason: reason.slice(0, 1000),
                lockedUntil: sql`now() + make_interval(secs => ${10 * 2 ** row.attempts})`,
              },
        )
        .where(eq(inboundEmails.id, row.id));
    }
  }

  return startQueueLoop({
    channel: "inbound_emails",
    listen: deps.database.listen,
    pollMs: deps.pollMs ?? 5000,
    log,
    async round() {
      const claimed = await claim();
      for (const row of claimed) await handle(row);
      return claimed.length;
    },
  });
}

export type InboundProcessor = ReturnType<typeof startInboundProcessor>;
