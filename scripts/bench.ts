import { parseArgs } from "node:util";
import { STATUSES } from "../contract/tickets.js";
import { credentialsRepo } from "../server/auth/credentials-repo.js";
import { disabledClassifier } from "../server/classify/classifier.js";
import { loadConfig } from "../server/config.js";
import { createLogger } from "../server/logger.js";
import { startService } from "../server/start.js";
import { openDatabaseFor, positiveInteger } from "./cli.js";
import { seedPeople } from "./demo-people.js";
import { demoTicket, pick } from "./demo-tickets.js";

/** Latency per request kind, over real HTTP against the configured database: sequential, after a warm-up. */

const { values } = parseArgs({
  options: { requests: { type: "string", default: "50" } },
});
const requests = positiveInteger("requests", values.requests);
const WARM_UP = 5;

const config = loadConfig();
const database = await openDatabaseFor(config);
const ticketCount = await database.session(async (session) => {
  const [row] = await session.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM tickets",
  );
  return row!.count;
});
if (ticketCount === 0) {
  process.stderr.write("No tickets to measure: run `npm run seed` first.\n");
  process.exit(1);
}
// Existing ids for get and patch; a random sample, so the cache does not hold just the newest rows.
const ids = await database.session((session) =>
  session.query<{ id: number }>(
    "SELECT id FROM tickets ORDER BY random() LIMIT 1000",
  ),
);
const { app } = await startService(config, createLogger("silent"), {
  database,
  classifier: disabledClassifier,
});
const base = await app.listen({ host: "127.0.0.1", port: 0 });
// Signed in as an agent with a bearer token, as a script would be; the token is revoked at the end.
const people = await seedPeople(database);
const credentials = credentialsRepo(database.db);
const token = await credentials.createToken(people.agents[0]!, "bench");
const authorization = `Bearer ${token.token}`;

async function call(path: string, init?: RequestInit) {
  const response = await fetch(base + path, {
    ...init,
    headers: { ...init?.headers, authorization },
  });
  const body = await response.text();
  if (!response.ok)
    throw new Error(
      `${init?.method ?? "GET"} ${path}: ${response.status} ${body}`,
    );
  return response;
}
const json = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const randomId = () => pick(Math.random, ids).id;

const page2 = /<([^>]+)>/.exec(
  (await call("/api/tickets/")).headers.get("link") ?? "",
)?.[1];
if (!page2) throw new Error("The first page has no Link to a next page");

const kinds: [name: string, request: () => Promise<unknown>][] = [
  ["list newest", () => call("/api/tickets/")],
  ["list category", () => call("/api/tickets/?category=billing")],
  [
    "list category+priority+status",
    () => call("/api/tickets/?category=billing&priority=critical&status=open"),
  ],
  ["list page 2 (cursor)", () => call(page2)],
  ["search common word", () => call("/api/tickets/?search=password")],
  ["search rare word", () => call("/api/tickets/?search=kubernetes")],
  ["search no match", () => call("/api/tickets/?search=zeppelin")],
  ["stats", () => call("/api/tickets/stats/")],
  ["stats category", () => call("/api/tickets/stats/?category=technical")],
  ["get by id", () => call(`/api/tickets/${randomId()}/`)],
  [
    "create",
    () => {
      const { title, description, category, priority } = demoTicket(new Date());
      return call(
        "/api/tickets/",
        json("POST", { title, description, category, priority }),
      );
    },
  ],
  [
    "patch status",
    () =>
      call(
        `/api/tickets/${randomId()}/`,
        json("PATCH", { status: pick(Math.random, STATUSES) }),
      ),
  ],
];

process.stdout.write(
  `${database.kind}, ${ticketCount.toLocaleString("en-US")} tickets, ${requests} sequential requests per kind after ${WARM_UP} warm-up\n\n`,
);
const row = (cells: (string | number)[]) =>
  cells
    .map((cell, i) =>
      i === 0 ? String(cell).padEnd(30) : String(cell).padStart(11),
    )
    .join("") + "\n";
process.stdout.write(row(["kind", "n", "median ms", "p95 ms"]));
for (const [name, request] of kinds) {
  for (let i = 0; i < WARM_UP; i++) await request();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await request();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    row([name, requests, percentile(times, 0.5), percentile(times, 0.95)]),
  );
}
await credentials.revokeToken(token.id);
await app.close();
await database.close();

/** Nearest-rank percentile of sorted values, in ms to one decimal. */
function percentile(sorted: number[], p: number): string {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!.toFixed(1);
}
