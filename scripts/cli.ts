/** Helpers shared by the command-line scripts. */
import type { Config } from "../server/config.js";
import type { Database } from "../server/db/client.js";
import { createLogger } from "../server/logger.js";
import { openConfiguredDatabase } from "../server/start.js";

/** The configured database, migrated; exits with the reason when it cannot be reached. */
export function openDatabaseFor(config: Config): Promise<Database> {
  return openConfiguredDatabase(config, createLogger("warn"));
}

/** `--name N` as a positive whole number; exits with a message otherwise. */
export function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (Number.isSafeInteger(number) && number >= 1) return number;
  process.stderr.write(`--${name} must be a positive whole number\n`);
  process.exit(1);
}
