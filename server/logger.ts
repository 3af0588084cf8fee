import { pino, type Logger } from "pino";

/** JSON lines in production; human-readable lines only when a person is watching the terminal. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && level !== "silent";
  return pino({
    level,
    redact: ["req.headers.authorization", "req.headers.cookie"],
    ...(pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { translateTime: "SYS:HH:MM:ss" },
          },
        }
      : {}),
  });
}
