/**
 * Throughput and latency per request kind, over real HTTP against the configured database:
 * wrk (a C load generator, so the clients do not take the app's CPU) with --clients connections
 * for --duration seconds per kind, after a short warm-up, signed in with an agent's bearer token.
 * The app runs in this process, so its CPU time per request is this process's (wrk's is not).
 * Needs wrk (Debian: apt-get install wrk).
 */
import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { credentialsRepo } from "../server/auth/credentials-repo.js";
import { disabledClassifier } from "../server/classify/classifier.js";
import { loadConfig } from "../server/config.js";
import { createLogger } from "../server/logger.js";
import { startService } from "../server/start.js";
import { openDatabaseFor, positiveInteger } from "./cli.js";
import { seedPeople } from "./demo-people.js";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "16" },
    duration: { type: "string", default: "10" },
  },
});
const clients = positiveInteger("clients", values.clients);
const duration = positiveInteger("duration", values.duration);
const WARM_UP_SECONDS = 2;

const config = loadConfig();
const database = await openDatabaseFor(config);
const [{ count: ticketCount } = { count: 0 }] = await database.session(
  (session) =>
    session.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM tickets",
    ),
);
if (ticketCount === 0) {
  process.stderr.write("No tickets to measure: run `npm run seed` first.\n");
  process.exit(1);
}
// Existing ids for get; a random sample, so the cache does not hold just the newest rows.
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
const people = await seedPeople(database);
const credentials = credentialsRepo(database.db);
const token = await credentials.createToken(people.agents[0]!, "bench");

const first = await fetch(`${base}/api/tickets/`, {
  headers: { authorization: `Bearer ${token.token}` },
});
const page2 = /<([^>]+)>/.exec(first.headers.get("link") ?? "")?.[1];
if (!page2) throw new Error("The first page has no Link to a next page");

const kinds: [name: string, paths: string[]][] = [
  ["list newest", ["/api/tickets/"]],
  ["list category", ["/api/tickets/?category=billing"]],
  [
    "list category+priority+status",
    ["/api/tickets/?category=billing&priority=critical&status=open"],
  ],
  ["list assignee none", ["/api/tickets/?assignee=none"]],
  ["list page 2 (cursor)", [page2]],
  ["search common word", ["/api/tickets/?search=password"]],
  ["search rare word", ["/api/tickets/?search=kubernetes"]],
  ["search no match", ["/api/tickets/?search=zeppelin"]],
  ["stats", ["/api/tickets/stats/"]],
  ["stats category", ["/api/tickets/stats/?category=technical"]],
  ["get by id", ids.map(({ id }) => `/api/tickets/${id}/`)],
];

const execFileAsync = promisify(execFile);
const script = fileURLToPath(new URL("./bench.lua", import.meta.url));
const pathsFile = join(tmpdir(), `ticketdesk-bench-${process.pid}.txt`);
const wrk = async (seconds: number) =>
  (
    await execFileAsync(
      "wrk",
      ["-t2", `-c${clients}`, `-d${seconds}s`, "-s", script, base],
      { env: { ...process.env, TOKEN: token.token, PATHS: pathsFile } },
    )
  ).stdout;

process.stdout.write(
  `${database.kind}, ${ticketCount.toLocaleString("en-US")} tickets, ${clients} clients, ${duration} s per kind after ${WARM_UP_SECONDS} s warm-up\n\n`,
);
const row = (cells: (string | number)[]) =>
  cells
    .map((cell, i) =>
      i === 0 ? String(cell).padEnd(30) : String(cell).padStart(11),
    )
    .join("") + "\n";
process.stdout.write(
  row(["kind", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "app CPU ms"]),
);
try {
  for (const [name, paths] of kinds) {
    await writeFile(pathsFile, paths.join("\n") + "\n");
    await wrk(WARM_UP_SECONDS);
    const cpu = process.cpuUsage();
    const last = (await wrk(duration)).trim().split("\n").at(-1)!;
    const { user, system } = process.cpuUsage(cpu);
    const [requests, errors, rate, p50, p95, p99] = last.split(" ");
    const cpuMs = (user + system) / 1000 / Number(requests);
    process.stdout.write(
      row([name, rate!, p50!, p95!, p99!, errors!, cpuMs.toFixed(2)]),
    );
  }
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === "ENOENT")
    process.stderr.write("wrk is missing: apt-get install wrk\n");
  throw error;
} finally {
  await rm(pathsFile, { force: true });
  await credentials.revokeToken(token.id);
  await app.close();
  await database.close();
}
