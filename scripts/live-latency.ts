import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { openSse } from "../server/test/sse-client.js";
import { buildApp } from "../server/app.js";
import { credentialsRepo } from "../server/auth/credentials-repo.js";
import { usersRepo } from "../server/auth/users-repo.js";
import { disabledClassifier } from "../server/classify/classifier.js";
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/client.js";
import { createLogger } from "../server/logger.js";
import { openDatabaseFor, positiveInteger } from "./cli.js";

/**
 * The time from a change made through one app instance to its arrival on an SSE client of
 * another, both on the configured PostgreSQL, each with its own pool and LISTEN connection.
 * Writes one agent and its tickets into that database: use a scratch one.
 */
const { values } = parseArgs({
  options: { changes: { type: "string", default: "20" } },
});
const changes = positiveInteger("changes", values.changes);
const config = loadConfig();
if (config.database.kind !== "postgres") {
  process.stderr.write(
    "Needs PostgreSQL (DATABASE_URL): PGlite is one process.\n",
  );
  process.exit(1);
}
const databases = [
  await openDatabaseFor(config),
  await openDatabase(config.database),
];
const [listening, writing] = await Promise.all(
  databases.map((database) =>
    buildApp({
      config,
      db: database.db,
      listen: database.listen,
      classifier: disabledClassifier,
      logger: createLogger("silent"),
    }),
  ),
);
const agent = await usersRepo(databases[0]!.db).create({
  email: `live-latency-${randomBytes(4).toString("hex")}@example.test`,
  name: "Latency probe",
  role: "agent",
});
const { token } = await credentialsRepo(databases[0]!.db).createToken(
  agent.id,
  "live latency",
);
const headers = { authorization: `Bearer ${token}` };
const stream = await openSse(
  `${await listening!.listen({ host: "127.0.0.1", port: 0 })}/api/events`,
  headers,
);
await stream.next((event) => event.event === "ready");

const { id } = (
  await writing!.inject({
    method: "POST",
    url: "/api/tickets",
    headers,
    payload: {
      title: "Latency probe",
      description: "Changed again and again",
      category: "general",
      priority: "low",
    },
  })
).json();
const times: number[] = [];
const writes: number[] = [];
for (let i = 0; i < changes + 3; i++) {
  const started = performance.now();
  await writing!.inject({
    method: "PATCH",
    url: `/api/tickets/${id}`,
    headers,
    payload: { title: `Change ${i}` },
  });
  const written = performance.now();
  const event = await stream.next(
    (event) => event.event === "ticket" && event.data.includes(`"id":${id},`),
  );
  if (i < 3) continue; // warm-up
  times.push(event.receivedAt - started);
  writes.push(written - started);
}
/** Nearest-rank percentile, in ms to one decimal. */
function at(values: number[], p: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!.toFixed(1);
}
process.stdout.write(
  `${changes} changes through instance B, each awaited on an SSE client of instance A:\n` +
    `  change → event: median ${at(times, 0.5)} ms, p95 ${at(times, 0.95)} ms, max ${at(times, 1)} ms\n` +
    `  the PATCH request's own reply: median ${at(writes, 0.5)} ms\n`,
);
stream.close();
await Promise.all([listening!.close(), writing!.close()]);
await Promise.all(databases.map((database) => database.close()));
