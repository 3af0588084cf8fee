/**
 * Classify latency of the local model over real HTTP: 16 clients at once (in a worker thread), each
 * sending the test file's tickets one after another, on an in-memory PGlite (classify never touches the database).
 *
 *   npm run triage:bench -- [--clients 16] [--requests 4000]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { buildApp } from "../server/app.js";
import { createLocalClassifier } from "../server/classify/local-classifier.js";
import { readLabelled } from "../server/classify/priors.js";
import { createTriage } from "../server/classify/triage.js";
import { openDatabase } from "../server/db/client.js";
import { migrate } from "../server/db/migrate.js";
import { createLogger } from "../server/logger.js";
import { positiveInteger } from "./cli.js";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "16" },
    requests: { type: "string", default: "4000" },
  },
});
const clients = positiveInteger("clients", values.clients);
const requests = positiveInteger("requests", values.requests);

const log = createLogger("silent");
const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
await migrate(database);
const local = await createLocalClassifier({
  db: database.db,
  log,
  retrainEveryMs: 3_600_000,
});
const app = await buildApp({
  config: {
    corsOrigins: [],
    staticDir: "/nonexistent",
    classifyRateLimit: 1_000_000,
  },
  db: database.db,
  classifier: createTriage({ mode: "local", local }),
  logger: log,
});
const base = await app.listen({ host: "127.0.0.1", port: 0 });
const tickets = readLabelled(
  readFileSync("data/triage/test.jsonl", "utf8"),
  "test.jsonl",
);

// The clients run in a worker thread, so that making requests does not take CPU from the server's thread.
const CLIENTS = `
const { workerData, parentPort } = require("node:worker_threads");
const { base, tickets, clients, requests } = workerData;
const latencies = [];
let next = 0;
async function client(count) {
  while (next < count) {
    const { title, description } = tickets[next++ % tickets.length];
    const started = performance.now();
    const response = await fetch(base + "/api/tickets/classify/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title, description }),
    });
    await response.text();
    if (!response.ok) throw new Error("classify answered " + response.status);
    latencies.push(performance.now() - started);
  }
}
(async () => {
  await Promise.all(Array.from({ length: clients }, () => client(200)));
  latencies.length = 0;
  next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, () => client(requests)));
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
})();
`;
const { latencies, seconds } = await new Promise<{
  latencies: number[];
  seconds: number;
}>((resolve, reject) => {
  const worker = new Worker(CLIENTS, {
    eval: true,
    workerData: { base, tickets, clients, requests },
  });
  worker.once("message", resolve);
  worker.once("error", reject);
});
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  latencies[
    Math.min(latencies.length - 1, Math.floor(q * latencies.length))
  ]!.toFixed(2);
console.log(
  `${latencies.length} classify requests from ${clients} clients in ${seconds.toFixed(1)} s (${Math.round(latencies.length / seconds)}/s), after 200 to warm up`,
);
console.log(
  `latency ms: median ${at(0.5)}, p95 ${at(0.95)}, p99 ${at(0.99)}, max ${at(1)}`,
);
local.close();
await app.close();
await database.close();
