/** The one wiring of the service: config → database → migrations → triage → app. */
import type { FastifyBaseLogger } from "fastify";
import { buildApp } from "./app.js";
import { prepareFirstRun } from "./auth/first-run.js";
import type { Classifier } from "./classify/classifier.js";
import { startTriage } from "./classify/setup.js";
import type { Config } from "./config.js";
import {
  DatabaseUnavailableError,
  openDatabase,
  type Database,
} from "./db/client.js";
import { migrate, MigrationChangedError } from "./db/migrate.js";

/** The configured database, migrated; a database that cannot be reached stops the process with the reason. */
export async function openConfiguredDatabase(
  config: Pick<Config, "database">,
  log: FastifyBaseLogger,
): Promise<Database> {
  const database = await openDatabase(config.database).catch(
    (error: unknown) => {
      if (!(error instanceof DatabaseUnavailableError)) throw error;
      log.fatal(error.message);
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
  const applied = await migrate(database).catch(async (error: unknown) => {
    if (!(error instanceof MigrationChangedError)) throw error;
    log.fatal(error.message);
    process.stderr.write(`${error.message}\n`);
    await database.close().catch(() => {});
    process.exit(1);
  });
  log.info({ database: database.kind, applied }, "database ready");
  return database;
}

/**
 * The app on its database, ready to listen, and what to close when done. `setupUrl` is the
 * one-time link that creates the first admin, when the desk has nobody yet.
 */
export async function startService(
  config: Config,
  log: FastifyBaseLogger,
  {
    database,
    classifier,
  }: { database?: Database; classifier?: Classifier } = {},
) {
  database ??= await openConfiguredDatabase(config, log);
  classifier ??= startTriage(
    config,
    database.db,
    log.child({ module: "classify" }),
  );
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const setupUrl = await prepareFirstRun({
    db: database.db,
    log,
    firstAdmin: config.firstAdmin,
    baseUrl,
  });
  const app = await buildApp({
    config,
    db: database.db,
    listen: database.listen,
    indexReads: database.indexReads,
    classifier,
    logger: log,
  });
  return {
    app,
    database,
    classifier,
    setupUrl,
    async close() {
      await app.close();
      classifier.close();
      await database.close();
    },
  };
}
