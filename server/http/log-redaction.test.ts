import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { disabledClassifier } from "../classify/classifier.js";
import { tickets } from "../db/schema.js";
import { createLogger } from "../logger.js";
import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import {
  createPeople,
  DB_KINDS,
  testConfig,
  validTicket,
  type Inject,
} from "../test/helpers.js";

/** An app logging everything (trace) into `lines`, with the production serializers. */
async function loggedApp(database: TestDatabase) {
  const lines: string[] = [];
  const logger = createLogger(
    "trace",
    new Writable({
      write: (chunk, _encoding, done) =>
        void (lines.push(String(chunk)), done()),
    }),
  );
  const app = await buildApp({
    config: testConfig,
    db: database.db,
    listen: database.listen,
    classifier: disabledClassifier,
    logger,
  });
  await app.ready();
  const { agent } = await createPeople(database);
  const inject: Inject = (options) =>
    app.inject({
      ...options,
      headers: { authorization: `Bearer ${agent.token}` },
    }) as ReturnType<Inject>;
  return { app, inject, lines, logger };
}

const secret = () => `secret-${randomBytes(6).toString("hex")}`;

/** Every request that sends ticket text, marked with `mark`. */
function requestsWithText(inject: Inject, mark: string) {
  return [
    inject({
      method: "POST",
      url: "/api/tickets/",
      payload: {
        ...validTicket,
        title: `${mark} title`,
        description: `${mark}\nline two`,
      },
    }),
    inject({
      method: "PATCH",
      url: "/api/tickets/1/",
      payload: { description: `${mark} changed` },
    }),
    inject({ url: `/api/tickets/?search=${mark}&status=open` }),
    inject({ url: `/api/tickets/stats/?search=${mark}` }),
  ];
}

describe.each(DB_KINDS)("logs while the database fails on %s", (kind) => {
  let database: TestDatabase;
  let logged: Awaited<ReturnType<typeof loggedApp>>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    logged = await loggedApp(database);
  });
  afterAll(async () => {
    await logged.app.close();
    await database.drop().catch(() => {});
  });

  it("a constraint violation in the database logs neither the values nor the failing row", async () => {
    const mark = secret();
    const error = await database.db
      .insert(tickets)
      .values({ ...validTicket, title: "\u200b", description: `${mark} body` })
      .catch((caught: unknown) => caught);
    logged.logger.error({ err: error }, "write failed");
    const line = logged.lines.at(-1)!;
    expect(line).toContain("tickets_title_check");
    expect(line).not.toContain(mark);
  });

  it("with the database closed, requests carrying ticket text log none of it", async () => {
    await database.close();
    const mark = secret();
    const responses = await Promise.all(requestsWithText(logged.inject, mark));
    for (const response of responses) expect(response.statusCode).toBe(503);
    const log = logged.lines.join("");
    expect(log).toContain("Failed query");
    expect(log).not.toContain(mark);
  });
});

describe.each(DB_KINDS.filter((kind) => kind === "postgres"))(
  "logs when PostgreSQL cuts the connections (%s)",
  (kind) => {
    let database: TestDatabase;
    let logged: Awaited<ReturnType<typeof loggedApp>>;
    const clients: pg.Client[] = [];
    const connect = async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      clients.push(client);
      return client;
    };
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      logged = await loggedApp(database);
    });
    afterAll(async () => {
      for (const client of clients) await client.end();
      await logged.app.close();
      await database.drop();
    });

    it("a connection cut under a write (pg_terminate_backend, as in a restart) logs no ticket text", async () => {
      const mark = secret();
      const [blocker, watcher] = [await connect(), await connect()];
      // Hold the write on a lock, then cut the app's connections as a server restart would.
      await blocker.query("BEGIN; LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE");
      // Only the create: a second request waiting too could be the one the watcher sees.
      const create = logged.inject({
        method: "POST",
        url: "/api/tickets/",
        payload: { ...validTicket, description: `${mark} text` },
      });
      await waitFor(async () => {
        const { rows } = await watcher.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        return rows[0].n > 0;
      });
      await watcher.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1)`,
        [(blocker as unknown as { processID: number }).processID],
      );
      expect((await create).statusCode).toBe(503);
      await blocker.query("ROLLBACK");
      const log = logged.lines.join("");
      // The write runs in a transaction: what fails may be the statement or the ROLLBACK after it.
      expect(log).toMatch(/terminating connection|Connection terminated/);
      expect(log).not.toContain(mark);
    });
  },
);

async function waitFor(condition: () => Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((wait) => setTimeout(wait, 20));
  }
  throw new Error("condition not met within 2 s");
}
