import { buildApp } from "./app.js";
import { startTriage } from "./classify/setup.js";
import { loadConfig } from "./config.js";
import { DatabaseUnavailableError, openDatabase } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { createLogger } from "./logger.js";

const config = loadConfig();
const logger = createLogger(config.logLevel);

const database = await openDatabase(config.database).catch((error: unknown) => {
  if (!(error instanceof DatabaseUnavailableError)) throw error;
  logger.fatal(error.message);
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
const applied = await migrate(database);
logger.info({ database: database.kind, applied }, "database ready");

const classifier = startTriage(
  config,
  database.db,
  logger.child({ module: "classify" }),
);

const app = await buildApp({ config, db: database.db, classifier, logger });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, "shutting down: finishing requests in flight");
  // NOTE: a second signal while closing forces the exit.
  process.once(signal, () => process.exit(1));
  try {
    await app.close();
    classifier.close();
    await database.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "error while shutting down");
    process.exit(1);
  }
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

await app.listen({ port: config.port, host: config.host });
