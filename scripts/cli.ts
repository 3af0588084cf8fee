/** Helpers shared by the command-line scripts. */
import type { Config } from "../server/config.js";
import {
  DatabaseUnavailableError,
  openDatabase,
  type Database,
} from "../server/db/client.js";
import { migrate } from "../server/db/migrate.js";

/** The configured database, migrated; exits with the reason when it cannot be reached. */
export async function openConfiguredDatabase(
  config: Config,
): Promise<Database> {
  const database = await openDatabase(config.database).catch(
    (error: unknown) => {
      if (!(error instanceof DatabaseUnavailableError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
  await migrate(database);
  return database;
}

/** `--name N` as a positive whole number; exits with a message otherwise. */
export function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (Number.isSafeInteger(number) && number >= 1) return number;
  process.stderr.write(`--${name} must be a positive whole number\n`);
  process.exit(1);
}
