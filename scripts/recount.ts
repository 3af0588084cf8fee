import { pathToFileURL } from "node:url";
import { loadConfig } from "../server/config.js";
import { recount } from "../server/db/ticket-counts.js";
import { openDatabaseFor } from "./cli.js";

/** `npm run recount`: rebuilds ticket_counts (the counters behind stats) from the tickets. */
async function main() {
  const database = await openDatabaseFor(loadConfig());
  const drift = await database.session(recount);
  await database.close();
  if (drift.length === 0) {
    process.stderr.write("ticket_counts was exact; rebuilt it anyway\n");
    return;
  }
  process.stderr.write(
    `ticket_counts had ${drift.length} wrong combination(s), now rebuilt:\n`,
  );
  for (const { category, priority, status, kept, actual } of drift)
    process.stderr.write(
      `  ${category}/${priority}/${status}: ${kept} → ${actual}\n`,
    );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
