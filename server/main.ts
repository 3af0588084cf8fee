import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startService } from "./start.js";
import { serve } from "./serve.js";

const config = loadConfig();
const logger = createLogger(config.logLevel);
const service = await startService(config, logger);

await serve(service, config, logger);
if (service.setupUrl) {
  // Printed, not logged: the one-time link is for the person starting the desk, not for log storage.
  process.stdout.write(
    `\nNobody can sign in yet. Open this link to create the first admin (valid 24 hours, once):\n\n  ${service.setupUrl}\n\n` +
      `(Or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start.)\n\n`,
  );
}
