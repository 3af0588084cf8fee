import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startService } from "./start.js";

const config = loadConfig();
const logger = createLogger(config.logLevel);
const service = await startService(config, logger);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, "shutting down: finishing requests in flight");
  // NOTE: a second signal while closing forces the exit.
  process.once(signal, () => process.exit(1));
  try {
    await service.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "error while shutting down");
    process.exit(1);
  }
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

await service.app.listen({ port: config.port, host: config.host });
if (service.setupUrl) {
  // Printed, not logged: the one-time link is for the person starting the desk, not for log storage.
  process.stdout.write(
    `\nNobody can sign in yet. Open this link to create the first admin (valid 24 hours, once):\n\n  ${service.setupUrl}\n\n` +
      `(Or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start.)\n\n`,
  );
}
