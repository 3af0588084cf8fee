/**
 * One build of the app for scripts/bench.ts, in a process of its own: `--root` is the checkout to
 * run (this one, or an older build in another worktree), on the configured database as it is (no
 * migration: the bench's own build migrated it). Prints the address it listens on and its pid
 * (npx and tsx stand between the bench and this process).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { root: { type: "string" } } });
const root = resolve(values.root ?? ".");
const load = (path: string) => import(`${root}/server/${path}`);
const { loadConfig } = await load("config.ts");
const { createLogger } = await load("logger.ts");
const { startService } = await load("start.ts");
const { disabledClassifier } = await load("classify/classifier.ts");
const { openDatabase } = await load("db/client.ts");

const config = loadConfig();
const database = await openDatabase(config.database);
const { app } = await startService(config, createLogger("silent"), {
  database,
  classifier: disabledClassifier,
});
const address = await app.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`${address} ${process.pid}\n`);
process.on("SIGTERM", () => {
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
