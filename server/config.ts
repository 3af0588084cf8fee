import dotenv from "dotenv";
import { z } from "zod";

const blankAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(blankAsUndefined, z.string().optional());

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.preprocess(blankAsUndefined, z.url().optional()),
  POSTGRES_DB: optionalString,
  POSTGRES_USER: optionalString,
  POSTGRES_PASSWORD: optionalString,
  POSTGRES_HOST: optionalString,
  POSTGRES_PORT: z.preprocess(
    blankAsUndefined,
    z.coerce.number().int().min(1).max(65535).optional(),
  ),
  DATA_DIR: z.string().min(1).default("./data"),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(blankAsUndefined, z.url().optional()),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  CLASSIFY_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(8000),
  CLASSIFY_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).default(30_000),
  TRIAGE: z.enum(["auto", "local", "llm"]).default("auto"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  STATIC_DIR: optionalString,
  ADMIN_EMAIL: z.preprocess(blankAsUndefined, z.email().optional()),
  ADMIN_PASSWORD: z.preprocess(
    blankAsUndefined,
    z.string().min(10, "must be at least 10 characters").optional(),
  ),
  SIGNUP: z.enum(["open", "closed"]).default("closed"),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 14),
  PUBLIC_URL: z.preprocess(blankAsUndefined, z.url().optional()),
  REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600_000)
    .default(30_000),
  MAX_CONNECTIONS: z.preprocess(
    blankAsUndefined,
    z.coerce.number().int().min(1).optional(),
  ),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(8000),
  TRUST_PROXY: z.string().default("false").transform(parseTrustProxy),
  SMTP_URL: z.preprocess(
    blankAsUndefined,
    z
      .url({ protocol: /^smtps?$/, error: "must be smtp://… or smtps://…" })
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .transform(parseMailbox)
      .pipe(
        z.object(
          { name: z.string().optional(), address: z.email() },
          { error: "must be an address, or Name <address>" },
        ),
      )
      .optional(),
  ),
  IMAP_URL: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(/[\s,]+/)
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.url({
          protocol: /^imaps?$/,
          error: "each must be imap://… or imaps://…",
        }),
      ),
    ),
  INBOUND_TOKEN: z.preprocess(
    blankAsUndefined,
    z.string().min(20, "must be at least 20 characters").optional(),
  ),
  INBOUND_SENDERS: z.enum(["anyone", "known"]).default("anyone"),
  MAIL_ATTACHMENT_MAX_MB: z.coerce.number().min(0).max(100).default(10),
});

/** `support@example.com` or `Example Support <support@example.com>`. */
function parseMailbox(value: string) {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+)>\s*$/.exec(value);
  if (match)
    return {
      ...(match[1] && { name: match[1] }),
      address: match[2]!.toLowerCase(),
    };
  return { address: value.trim().toLowerCase() };
}

/** `false`, `true`, a number of proxy hops, or comma-separated proxy addresses / CIDR ranges. */
function parseTrustProxy(value: string): boolean | number | string[] {
  const text = value.trim();
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof Env>) {
  return {
    port: env.PORT,
    host: env.HOST,
    database: databaseTarget(env),
    openai: {
      apiKey: env.OPENAI_API_KEY,
      baseURL: env.OPENAI_BASE_URL,
      model: env.OPENAI_MODEL,
      timeoutMs: env.CLASSIFY_TIMEOUT_MS,
      cooldownMs: env.BREAKER_COOLDOWN_MS,
    },
    triage: env.TRIAGE,
    classifyRateLimit: env.CLASSIFY_RATE_LIMIT,
    logLevel: env.LOG_LEVEL,
    corsOrigins: env.CORS_ORIGINS,
    staticDir: env.STATIC_DIR,
    firstAdmin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD
        ? { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD }
        : undefined,
    signup: env.SIGNUP,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    publicUrl: env.PUBLIC_URL,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    maxConnections: env.MAX_CONNECTIONS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    trustProxy: env.TRUST_PROXY,
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      imapUrls: env.IMAP_URL,
      inboundToken: env.INBOUND_TOKEN,
      inboundSenders: env.INBOUND_SENDERS,
      attachmentMaxBytes: Math.round(env.MAIL_ATTACHMENT_MAX_MB * 1024 * 1024),
      baseUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(
        /\/+$/,
        "",
      ),
    },
  };
}

/** DATABASE_URL wins; else the POSTGRES_* variables of the compose file; else PGlite on disk. */
function databaseTarget(env: z.infer<typeof Env>) {
  if (env.DATABASE_URL)
    return { kind: "postgres" as const, url: env.DATABASE_URL };
  if (env.POSTGRES_HOST || env.POSTGRES_DB || env.POSTGRES_USER) {
    const url = new URL("postgres://localhost");
    url.hostname = env.POSTGRES_HOST ?? "localhost";
    url.port = String(env.POSTGRES_PORT ?? 5432);
    url.username = env.POSTGRES_USER ?? "postgres";
    url.password = env.POSTGRES_PASSWORD ?? "";
    url.pathname = `/${env.POSTGRES_DB ?? "postgres"}`;
    return { kind: "postgres" as const, url: url.toString() };
  }
  return { kind: "pglite" as const, dataDir: env.DATA_DIR };
}

/** Parses the environment; returns every problem by variable name instead of throwing. */
export function parseConfig(
  env: NodeJS.ProcessEnv,
): { ok: true; config: Config } | { ok: false; problems: string[] } {
  const parsed = Env.safeParse(env);
  if (
    parsed.success &&
    !parsed.data.ADMIN_EMAIL !== !parsed.data.ADMIN_PASSWORD
  )
    return {
      ok: false,
      problems: ["ADMIN_EMAIL, ADMIN_PASSWORD: set both, or neither"],
    };
  if (
    parsed.success &&
    (parsed.data.SMTP_URL || parsed.data.IMAP_URL.length > 0) &&
    !parsed.data.MAIL_FROM
  )
    return {
      ok: false,
      problems: ["MAIL_FROM: required when SMTP_URL or IMAP_URL is set"],
    };
  if (parsed.success) return { ok: true, config: toConfig(parsed.data) };
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join(".")}: ${issue.message}`,
  );
  return { ok: false, problems };
}

export function loadConfig(): Config {
  dotenv.config({ quiet: true });
  // eslint-disable-next-line no-restricted-properties -- the one reader of the environment
  const result = parseConfig(process.env);
  if (result.ok) return result.config;
  process.stderr.write(
    `Invalid configuration:\n${result.problems.map((p) => `  ${p}\n`).join("")}`,
  );
  process.exit(1);
}
