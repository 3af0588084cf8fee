import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { DataDirInUseError, lockDataDir } from "./data-dir-lock.js";

export type Db = PgDatabase<PgQueryResultHKT>;

/** One connection, for work that must not hop between pooled connections (migrations, locks). */
export type Session = {
  exec(sqlText: string): Promise<void>;
  query<Row>(sqlText: string, params?: unknown[]): Promise<Row[]>;
};

/** A LISTEN on a connection of its own: `ping` proves the connection alive, `close` ends it. */
export type Listener = { ping(): Promise<void>; close(): Promise<void> };

export type Database = {
  kind: "pglite" | "postgres";
  db: Db;
  session<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /** Calls `onNotify` with each NOTIFY payload on `channel`, and `onLost` once if the connection drops. */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onLost: (error: Error) => void,
  ): Promise<Listener>;
  /**
   * PostgreSQL only: a connection pool for reads that must go through an index's bitmap and end
   * within `ms` (the search's index read), set on its connections so that such a read is one
   * statement rather than a transaction of four. On PGlite a transaction sets them.
   */
  indexReads?: (ms: number) => Db;
  close(): Promise<void>;
};

export type DatabaseTarget =
  { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export class DatabaseUnavailableError extends Error {}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.url)
    : openPglite(target.dataDir);
}

/**
 * Set on every connection of the app: the tickets' pages are in memory or on SSD, where reading a
 * page out of order costs about what reading the next one does (PostgreSQL's default of 4 models
 * spinning disks). With 4, the generic plan for one agent's open tickets by latest activity walks
 * tickets_activity_idx past everyone else's (3–7 ms at 1,000,000 tickets) instead of reading
 * tickets_assignee_status_activity_idx (0.2 ms).
 */
const PLANNER_SETTINGS = { random_page_cost: "1.1" };

/**
 * What a read through an index's bitmap only, ending within `ms`, runs under: on PostgreSQL the
 * settings of Database.indexReads' connections, on PGlite of a transaction (server/tickets/search.ts).
 */
export const indexReadSettings = (ms: number) => ({
  statement_timeout: String(Math.round(ms)),
  enable_seqscan: "off",
  enable_indexscan: "off",
});

function newPool(
  url: string,
  config: pg.PoolConfig,
  settings: Record<string, string> = {},
) {
  const options = Object.entries({ ...PLANNER_SETTINGS, ...settings })
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(" ");
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    options,
    ...config,
  });
  // NOTE: an idle client's error (server restart) is emitted on the pool; without a listener it crashes the process.
  pool.on("error", () => {});
  // NOTE: so is a checked-out client's (a transaction's connection cut by a restart): the query that
  // was running rejects on its own, but the client's later "Connection terminated" event would crash.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

async function openPostgres(url: string): Promise<Database> {
  const pool = newPool(url, { max: 10 });
  const indexPools = new Map<number, { pool: pg.Pool; db: Db }>();
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    throw new DatabaseUnavailableError(
      `Cannot connect to PostgreSQL at ${describeUrl(url)}: ${reason(error)}`,
    );
  }
  return {
    kind: "postgres",
    db: drizzlePg(pool) as unknown as Db,
    async session(work) {
      const client = await pool.connect();
      try {
        return await work({
          exec: async (sqlText) => void (await client.query(sqlText)),
          query: async (sqlText, params) =>
            (await client.query(sqlText, params)).rows,
        });
      } finally {
        client.release();
      }
    },
    listen: (channel, onNotify, onLost) =>
      listenPostgres(url, channel, onNotify, onLost),
    indexReads(ms) {
      if (!indexPools.has(ms)) {
        const indexPool = newPool(url, { max: 4 }, indexReadSettings(ms));
        indexPools.set(ms, {
          pool: indexPool,
          db: drizzlePg(indexPool) as unknown as Db,
        });
      }
      return indexPools.get(ms)!.db;
    },
    async close() {
      await Promise.all([
        pool.end(),
        ...[...indexPools.values()].map((index) => index.pool.end()),
      ]);
    },
  };
}

/** Not a pooled connection: a LISTEN lasts as long as its connection, and a pool recycles them. */
async function listenPostgres(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
  onLost: (error: Error) => void,
): Promise<Listener> {
  const client = new pg.Client({
    connectionString: url,
    // Named, so that it can be found in pg_stat_activity.
    application_name: "ticketdesk live updates",
    connectionTimeoutMillis: 5000,
    query_timeout: 5000,
    keepAlive: true,
  });
  let ended = false;
  const lose = (error: Error) => {
    if (ended) return;
    ended = true;
    client.end().catch(() => {});
    onLost(error);
  };
  client.on("error", lose);
  client.on("end", () => lose(new Error("The LISTEN connection ended")));
  client.on("notification", (message) => {
    if (message.channel === channel) onNotify(message.payload ?? "");
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
  } catch (error) {
    ended = true;
    await client.end().catch(() => {});
    throw error;
  }
  return {
    ping: async () => void (await client.query("SELECT 1")),
    async close() {
      ended = true;
      await client.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const lock = inMemory ? { release() {} } : lockFolder(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : dataDir, {
      extensions: { pg_trgm },
    });
    for (const [name, value] of Object.entries(PLANNER_SETTINGS))
      await client.query("SELECT set_config($1, $2, false)", [name, value]);
  } catch (error) {
    lock.release();
    throw new DatabaseUnavailableError(
      `Cannot open the embedded database in ${dataDir}: ${reason(error)}`,
    );
  }
  return {
    kind: "pglite",
    db: drizzlePglite(client) as unknown as Db,
    session: (work) =>
      work({
        exec: async (sqlText) => void (await client.exec(sqlText)),
        query: async <Row>(sqlText: string, params?: unknown[]) =>
          (await client.query<Row>(sqlText, params)).rows,
      }),
    async listen(channel, onNotify) {
      // In-process: the connection cannot drop, so onLost is never called.
      const unlisten = await client.listen(channel, onNotify);
      return { ping: async () => {}, close: () => unlisten() };
    },
    async close() {
      await client.close();
      lock.release();
    },
  };
}

function lockFolder(dataDir: string) {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError)
      throw new DatabaseUnavailableError(error.message);
    throw error;
  }
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

function reason(error: unknown): string {
  if (error instanceof AggregateError)
    return error.errors.map(reason).join("; ");
  if (error instanceof Error)
    return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
