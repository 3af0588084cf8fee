import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_KINDS, validTicket } from "../test/helpers.js";
import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import { startSmtpSink, type SmtpSink } from "../test/smtp-sink.js";
import { backoff, DEFAULT_OUTBOX } from "./worker.js";

describe.each(DB_KINDS)(
  "two app processes draining one outbox on %s",
  (kind) => {
    let sink: SmtpSink;
    let database: TestDatabase;
    let apps: Awaited<ReturnType<typeof buildTestApp>>[];
    beforeAll(async () => {
      sink = await startSmtpSink();
      database = await createTestDatabase(kind);
      const config = {
        mail: {
          smtpUrl: sink.url,
          from: { address: "help@desk.test" },
          baseUrl: "https://desk.test",
          outbox: { pollMs: 100, batchSize: 5 },
        },
      };
      apps = [
        await buildTestApp(database, { config }),
        await buildTestApp(database, { config }),
      ];
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await database.drop();
      await sink.close();
    });

    it("sends every mail once, and each person's mail in the order it was written", async () => {
      const [a, b] = apps as [(typeof apps)[0], (typeof apps)[0]];
      const ticket = (
        await a.as("requester")({
          method: "POST",
          url: "/api/tickets",
          payload: validTicket,
        })
      ).json();
      const other = (
        await a.as("other")({
          method: "POST",
          url: "/api/tickets",
          payload: validTicket,
        })
      ).json();
      for (let i = 1; i <= 15; i++)
        for (const [app, id] of [
          [a, ticket.id],
          [b, other.id],
        ] as const)
          await app.as("agent")({
            method: "POST",
            url: `/api/tickets/${id}/messages`,
            payload: { body: `Step ${i}` },
          });
      await sink.waitFor(30, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sink.received).toHaveLength(30);
      const ids = sink.received.map((mail) => mail.parsed.messageId);
      expect(new Set(ids).size).toBe(30);
      for (const person of [a.people.requester, a.people.other]) {
        const steps = sink.received
          .filter((mail) => mail.to[0] === person.user.email)
          .map((mail) => Number(/Step (\d+)/.exec(mail.parsed.text!)![1]));
        expect(steps).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      }
    });
  },
);

describe("retry backoff", () => {
  it("doubles from the base and stops at the cap", () => {
    const options = { ...DEFAULT_OUTBOX, retryBaseMs: 1000, retryMaxMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoff(n, options))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });
});
