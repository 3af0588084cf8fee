import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.js";
import type { Database } from "../server/db/client.js";
import { openDatabaseFor, positiveInteger } from "./cli.js";
import { DEMO_PASSWORD, DEMO_PEOPLE, seedPeople } from "./demo-people.js";
import { demoTicket, type DemoTicket } from "./demo-tickets.js";
import { duration, progressBar } from "./progress-bar.js";

const COLUMNS = [
  "title",
  "description",
  "category",
  "priority",
  "status",
  "created_at",
  "updated_at",
] as const satisfies (keyof DemoTicket)[];

const PEOPLE_COLUMNS = ["requester_id", "assignee_id"] as const;

// One array parameter per column: a batch of any size is one short statement with nine parameters.
const INSERT = `INSERT INTO tickets (${[...COLUMNS, ...PEOPLE_COLUMNS].join(", ")}) SELECT * FROM unnest(${[
  ...COLUMNS.map(
    (column, i) =>
      `$${i + 1}::${column.endsWith("_at") ? "timestamptz" : "text"}[]`,
  ),
  ...PEOPLE_COLUMNS.map((_, i) => `$${COLUMNS.length + i + 1}::bigint[]`),
].join(", ")})`;

type SeedOptions = {
  count: number;
  now?: Date;
  batchSize?: number;
  onProgress?: (done: number) => void;
  /** Who the tickets are spread over: each gets a random requester, most an assignee. */
  people?: { requesters: number[]; agents: number[] };
};

const pickOne = <T>(items: T[]): T | null =>
  items.length === 0 ? null : items[Math.floor(Math.random() * items.length)]!;

/**
 * Inserts `count` demo tickets in batches on one connection, building each batch while the last one
 * is written. They are filed in order, as on a real desk: a higher number is a newer ticket, and
 * the newest tickets sit together at the table's end rather than on pages all over it.
 */
export async function seedTickets(
  database: Database,
  {
    count,
    now = new Date(),
    batchSize = 5000,
    onProgress,
    people,
  }: SeedOptions,
): Promise<void> {
  await database.session(async (session) => {
    let writing: Promise<unknown> = Promise.resolve();
    for (let done = 0; done < count; done += batchSize) {
      const rows = Array.from(
        { length: Math.min(batchSize, count - done) },
        (_, i) =>
          demoTicket(now, Math.random, (done + i + Math.random()) / count),
      );
      const params = [
        ...COLUMNS.map((column) => rows.map((row) => row[column])),
        rows.map(() => pickOne(people?.requesters ?? [])),
        // The open backlog is partly unassigned; what is in progress or done has someone on it.
        rows.map((row) =>
          row.status === "open" && Math.random() < 0.5
            ? null
            : pickOne(people?.agents ?? []),
        ),
      ];
      await writing;
      writing = session
        .query(INSERT, params)
        .then(() => onProgress?.(done + rows.length));
    }
    await writing;
    // Fresh statistics and visibility map, as after any bulk load; autovacuum may be off or not yet run.
    // https://www.postgresql.org/docs/current/populate.html#POPULATE-ANALYZE
    await session.exec("VACUUM ANALYZE tickets");
  });
}

async function main() {
  const { values } = parseArgs({
    options: { count: { type: "string", default: "1000" } },
  });
  const count = positiveInteger("count", values.count);
  const database = await openDatabaseFor(loadConfig());
  const people = await seedPeople(database);
  const bar = progressBar(count, "tickets");
  await seedTickets(database, { count, onProgress: bar.update, people });
  const seconds = bar.finish();
  await database.close();
  process.stderr.write(
    `Inserted ${count.toLocaleString("en-US")} tickets into ${database.kind} in ${duration(seconds)} (${seconds.toFixed(1)} s)\n`,
  );
  process.stdout.write(
    `\nDemo people, all with the password "${DEMO_PASSWORD}":\n` +
      DEMO_PEOPLE.slice(0, 5)
        .map((person) => `  ${person.role.padEnd(9)} ${person.email}\n`)
        .join("") +
      `  … and ${DEMO_PEOPLE.length - 5} more requesters (@customer.example)\n`,
  );
}

// Importing this module (the test does) must not seed anything.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
