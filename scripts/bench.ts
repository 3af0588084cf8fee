/**
 * Throughput, latency and CPU per request kind, over real HTTP against the configured database:
 * wrk (a C load generator, so the clients do not take the app's CPU) with --clients connections
 * for --duration seconds per kind after a warm-up, signed in with an agent's bearer token. The app
 * runs in a process of its own (scripts/bench/server.ts), so its CPU time and that of its
 * PostgreSQL backends (found by application name) are read from /proc. With --baseline DIR (a
 * checkout of an older build), both builds run on the same database, alternately, --rounds times
 * each; the table shows medians. Then pgbench runs the same SQL prepared and unprepared.
 * Needs wrk and pgbench (Debian: apt-get install wrk postgresql-client).
 */
import { execFile, spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { credentialsRepo } from "../server/auth/credentials-repo.js";
import { loadConfig } from "../server/config.js";
import { openDatabaseFor, positiveInteger } from "./cli.js";
import { backendCpu, backendCpuSpent, cpuMs } from "./bench/cpu.js";
import { rawKinds } from "./bench/raw-kinds.js";
import { pgbench } from "./bench/raw-sql.js";
import { seedPeople } from "./demo-people.js";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "16" },
    duration: { type: "string", default: "10" },
    rounds: { type: "string", default: "1" },
    baseline: { type: "string" },
    only: { type: "string" },
    "no-raw": { type: "boolean", default: false },
  },
});
const clients = positiveInteger("clients", values.clients);
const duration = positiveInteger("duration", values.duration);
const rounds = positiveInteger("rounds", values.rounds);
const only = values.only ? new RegExp(values.only) : undefined;
const WARM_UP_SECONDS = 2;

const config = loadConfig();
if (config.database.kind !== "postgres") {
  process.stderr.write("The bench needs PostgreSQL: set DATABASE_URL.\n");
  process.exit(1);
}
const url = config.database.url;
const database = await openDatabaseFor(config);
const query = <Row>(text: string, params?: unknown[]) =>
  database.session((s) => s.query<Row>(text, params));
const [{ count: ticketCount } = { count: 0 }] = await query<{
  count: number;
}>("SELECT count(*)::int AS count FROM tickets");
if (ticketCount === 0) {
  process.stderr.write("No tickets to measure: run `npm run seed` first.\n");
  process.exit(1);
}
// Existing ids for get; a random sample, so the cache does not hold just the newest rows.
const ids = await query<{ id: number }>(
  "SELECT id FROM tickets ORDER BY random() LIMIT 1000",
);
const people = await seedPeople(database);
const agentId = people.agents[0]!;
const credentials = credentialsRepo(database.db);
const token = await credentials.createToken(agentId, "bench");

type Build = { name: string; base: string; pid: number; stop(): void };

/** Starts scripts/bench/server.ts for the checkout at `root`; resolves once it listens. */
function startBuild(name: string, root: string): Promise<Build> {
  const child = spawn(
    "npx",
    [
      "tsx",
      fileURLToPath(new URL("./bench/server.ts", import.meta.url)),
      "--root",
      root,
    ],
    {
      cwd: root,
      env: { ...process.env, PGAPPNAME: `bench-${name}`, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    },
  );
  return new Promise((done, fail) => {
    child.once("exit", (code) => fail(new Error(`${name} exited (${code})`)));
    createInterface({ input: child.stdout! }).once("line", (line) => {
      const [base, pid] = line.trim().split(" ");
      done({
        name,
        base: base!,
        pid: Number(pid),
        stop: () => process.kill(-child.pid!, "SIGTERM"),
      });
    });
  });
}

const run = promisify(execFile);

const builds = [await startBuild("new", resolve("."))];
if (values.baseline)
  builds.unshift(await startBuild("old", resolve(values.baseline)));

const first = await fetch(`${builds.at(-1)!.base}/api/tickets/`, {
  headers: { authorization: `Bearer ${token.token}` },
});
const page2 = /<([^>]+)>/.exec(first.headers.get("link") ?? "")?.[1];
if (!page2) throw new Error("The first page has no Link to a next page");

const list = (query: string) => [`/api/tickets/?${query}`];
const stats = (query: string) => [`/api/tickets/stats/?${query}`];
const kinds: [name: string, paths: string[]][] = (
  [
    ["list newest", list("")],
    ["list category", list("category=billing")],
    ["list priority", list("priority=critical")],
    ["list status", list("status=open")],
    [
      "list category+priority+status",
      list("category=billing&priority=critical&status=open"),
    ],
    ["list assignee me", list("assignee=me")],
    ["list assignee none", list("assignee=none")],
    ["list assignee none+status", list("assignee=none&status=open")],
    [
      "list assignee me+category+status",
      list("assignee=me&category=technical&status=in_progress"),
    ],
    ["list page 2 (cursor)", [page2]],
    ["list oldest first", list("sort=oldest")],
    ["list most urgent first", list("sort=priority")],
    ["list most urgent, open", list("sort=priority&status=open")],
    ["list latest activity", list("sort=activity")],
    [
      "list latest activity, me+open",
      list("sort=activity&assignee=me&status=open"),
    ],
    // No ticket is unassigned and closed in the seed: an index walk in any order finds none.
    ["list unassigned+closed (none)", list("assignee=none&status=closed")],
    [
      "list most urgent, unassigned+closed",
      list("sort=priority&assignee=none&status=closed"),
    ],
    ["search common (login)", list("search=login")],
    ["search rare (kubernetes)", list("search=kubernetes")],
    ["search absent (zeppelin)", list("search=zeppelin")],
    ["search short absent (zq)", list("search=zq")],
    // Absent, but made of trigrams common in the seed's texts ("printing", "internal", "after"):
    // the index holds over a thousand candidates, each read and rejected.
    ["search absent, common trigrams (printer)", list("search=printer")],
    ["stats", stats("")],
    ["stats category", stats("category=technical")],
    [
      "stats category+priority+status",
      stats("category=billing&priority=critical&status=open"),
    ],
    ["stats assignee me", stats("assignee=me")],
    ["stats assignee none+status", stats("assignee=none&status=open")],
    ["stats search common (login)", stats("search=login")],
    ["stats search absent (zeppelin)", stats("search=zeppelin")],
    ["get by id", ids.map(({ id }) => `/api/tickets/${id}/`)],
  ] satisfies [string, string[]][]
).filter(([name]) => !only || only.test(name));

const script = fileURLToPath(new URL("./bench.lua", import.meta.url));
const pathsFile = join(tmpdir(), `ticketdesk-bench-${process.pid}.txt`);
const wrk = async (base: string, seconds: number) =>
  (
    await run(
      "wrk",
      [
        "-t2",
        `-c${clients}`,
        `-d${seconds}s`,
        "--timeout",
        "10s",
        "-s",
        script,
        base,
      ],
      { env: { ...process.env, TOKEN: token.token, PATHS: pathsFile } },
    )
  ).stdout;

type Sample = {
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  app: number;
  pg: number;
};
/**
 * Cancels what earlier runs left running in PostgreSQL (a request wrk stopped waiting for goes on
 * in its backend; the old build's slow searches took seconds), so that each run has the database
 * to itself.
 */
async function settle(): Promise<void> {
  const active = `FROM pg_stat_activity WHERE application_name LIKE 'bench-%' AND state = 'active'`;
  // Quiet for a second: a build may still hold requests whose queries have not started yet.
  for (let quiet = 0, tries = 0; quiet < 10 && tries < 600; tries++) {
    const [row] = await query<{ n: number }>(
      `SELECT count(*)::int AS n ${active}`,
    );
    quiet = row?.n ? 0 : quiet + 1;
    if (row?.n) await query(`SELECT pg_cancel_backend(pid) ${active}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measure(build: Build): Promise<Sample> {
  await settle();
  await wrk(build.base, WARM_UP_SECONDS);
  const application = `bench-${build.name}`;
  const [app0, pg0] = [
    await cpuMs(build.pid),
    await database.session((s) => backendCpu(s, application)),
  ];
  const last = (await wrk(build.base, duration)).trim().split("\n").at(-1)!;
  const [app1, pg1] = [
    await cpuMs(build.pid),
    await database.session((s) => backendCpu(s, application)),
  ];
  const [requests, errors, rate, p50, p95, p99] = last
    .split(" ")
    .map(Number) as number[];
  return {
    rate: rate!,
    p50: p50!,
    p95: p95!,
    p99: p99!,
    errors: errors!,
    app: (app1 - app0) / requests!,
    pg: backendCpuSpent(pg0, pg1) / requests!,
  };
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2
    ? sorted[Math.floor(middle)]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const cell = (cells: (string | number)[], first = 34) =>
  cells
    .map((c, i) => (i === 0 ? String(c).padEnd(first) : String(c).padStart(11)))
    .join("") + "\n";
const out = (text: string) => process.stdout.write(text);

const { stdout: cpuModel } = await run("sh", [
  "-c",
  "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; nproc; uptime",
]);
out(
  `${ticketCount.toLocaleString("en-US")} tickets, ${clients} clients, ${duration} s per run after ${WARM_UP_SECONDS} s warm-up, ` +
    `${rounds} round(s) of ${builds.map((b) => b.name).join(" then ")}, medians\n` +
    `machine: ${cpuModel.trim().replace(/\n/g, " | ")}\n\n`,
);
out(
  cell([
    "kind",
    "build",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "app ms/req",
    "pg ms/req",
    "× req/s",
  ]),
);
try {
  for (const [name, paths] of kinds) {
    await writeFile(pathsFile, paths.join("\n") + "\n");
    const samples = new Map(builds.map((b) => [b.name, [] as Sample[]]));
    for (let round = 0; round < rounds; round++)
      for (const build of builds)
        samples.get(build.name)!.push(await measure(build));
    const rates = new Map<string, number>();
    for (const build of builds) {
      const all = samples.get(build.name)!;
      const pick = (key: keyof Sample) => median(all.map((s) => s[key]));
      rates.set(build.name, pick("rate"));
      const ratio =
        build.name === "new" && rates.has("old")
          ? (pick("rate") / rates.get("old")!).toFixed(2)
          : "";
      out(
        cell([
          name,
          build.name,
          pick("rate").toFixed(0),
          pick("p50").toFixed(1),
          pick("p95").toFixed(1),
          pick("p99").toFixed(1),
          all.reduce((sum, s) => sum + s.errors, 0),
          pick("app").toFixed(2),
          pick("pg").toFixed(2),
          ratio,
        ]),
      );
    }
  }
  if (!values["no-raw"]) {
    out(
      `\nRaw SQL ceiling: the app's SQL through pgbench, ${clients} clients, ${duration} s each\n`,
    );
    out(
      cell([
        "statement",
        "prep tps",
        "prep ms",
        "simple tps",
        "simple ms",
        "× prep",
      ]),
    );
    for (const raw of rawKinds(database.db, agentId, ticketCount)) {
      if (only && !only.test(raw.name)) continue;
      const options = { clients, seconds: duration, setup: raw.setup };
      const prepared = await pgbench(url, raw.sql, {
        ...options,
        mode: "prepared",
      });
      const simple = await pgbench(url, raw.sql, {
        ...options,
        mode: "simple",
      });
      out(
        cell([
          raw.name,
          prepared.tps.toFixed(0),
          prepared.latencyMs.toFixed(2),
          simple.tps.toFixed(0),
          simple.latencyMs.toFixed(2),
          (prepared.tps / simple.tps).toFixed(2),
        ]),
      );
    }
  }
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === "ENOENT")
    process.stderr.write(
      "wrk or pgbench is missing: apt-get install wrk postgresql-client\n",
    );
  throw error;
} finally {
  await rm(pathsFile, { force: true });
  for (const build of builds) build.stop();
  await credentials.revokeToken(token.id);
  await database.close();
}
