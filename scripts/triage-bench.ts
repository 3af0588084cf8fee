/**
 * Classify latency of the local model over real HTTP: 16 clients at once, each sending the test
 * file's tickets one after another, on an in-memory PGlite (classify never touches the database).
 * Needs wrk (Debian: apt-get install wrk).
 *
 *   npm run triage:bench -- [--clients 16] [--seconds 20]
 */
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../server/app.js";
import { credentialsRepo } from "../server/auth/credentials-repo.js";
import { createLocalClassifier } from "../server/classify/local-classifier.js";
import { readLabelled } from "../server/classify/priors.js";
import { createTriage } from "../server/classify/triage.js";
import { openDatabase } from "../server/db/client.js";
import { migrate } from "../server/db/migrate.js";
import { createLogger } from "../server/logger.js";
import { positiveInteger } from "./cli.js";
import { seedPeople } from "./demo-people.js";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "16" },
    seconds: { type: "string", default: "20" },
  },
});
const clients = positiveInteger("clients", values.clients);
const seconds = positiveInteger("seconds", values.seconds);

const log = createLogger("silent");
const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
await migrate(database);
const local = createLocalClassifier({
  db: database.db,
  log,
  retrainEveryMs: 3_600_000,
});
const app = await buildApp({
  config: {
    corsOrigins: [],
    staticDir: "/nonexistent",
    classifyRateLimit: 1_000_000,
    signup: "closed",
    sessionTtlHours: 1,
    publicUrl: undefined,
  },
  db: database.db,
  listen: database.listen,
  classifier: createTriage({ mode: "local", local }),
  logger: log,
});
const base = await app.listen({ host: "127.0.0.1", port: 0 });
// Signed in as a requester filing a ticket would be, with a bearer token.
const { requesters } = await seedPeople(database);
const { token } = await credentialsRepo(database.db).createToken(
  requesters[0]!,
  "bench",
);
const tickets = readLabelled(
  readFileSync("data/triage/test.jsonl", "utf8"),
  "test.jsonl",
);

// wrk (a C load generator) makes the requests: a Node client on the same two cores would take as
// much CPU as the server it measures. Each request sends the next ticket of the test file.
const dir = mkdtempSync(join(tmpdir(), "triage-bench-"));
const bodies = join(dir, "bodies.jsonl");
writeFileSync(
  bodies,
  tickets
    .map(({ title, description }) => JSON.stringify({ title, description }))
    .join("\n"),
);
const script = fileURLToPath(new URL("./triage-bench.lua", import.meta.url));
const url = `${base}/api/tickets/classify/`;
// NOTE: asynchronous: a synchronous child process would block the very server it measures.
const wrk = async (seconds: number) =>
  (
    await promisify(execFile)(
      "wrk",
      ["-t1", `-c${clients}`, `-d${seconds}s`, "-s", script, url],
      {
        encoding: "utf8",
        env: { ...process.env, BODIES: bodies, TOKEN: token },
      },
    )
  ).stdout;
try {
  await wrk(3); // warm-up: the JIT compiles the hot paths
  const out = (await wrk(seconds)).split("\n");
  const from = out.findIndex((line) => /requests, \d+ errors/.test(line));
  console.log(`classify, ${clients} clients for ${seconds} s, local model:`);
  console.log(out.slice(from).join("\n").trim());
} catch (error) {
  if ((error as { code?: string }).code !== "ENOENT") throw error;
  console.error("wrk is missing: apt-get install wrk");
  process.exitCode = 1;
}
rmSync(dir, { recursive: true });
local.close();
await app.close();
await database.close();
