import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.js";
import { openDatabase } from "./db/client.js";
import { migrate } from "./db/migrate.js";

const run = promisify(execFile);

/** Starts the real entry point with only the given environment and returns how it ended. */
async function start(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "server/main.ts"],
      {
        env: { PATH: process.env.PATH, ...env },
        timeout: 20_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("configuration", () => {
  it("uses PGlite under ./data with no database variables, and the documented defaults", () => {
    const result = parseConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 8000,
        host: "0.0.0.0",
        database: { kind: "pglite", dataDir: "./data" },
        openai: { apiKey: undefined, model: "gpt-4o-mini", timeoutMs: 8000 },
        corsOrigins: [],
      },
    });
  });

  it("builds the PostgreSQL URL from the POSTGRES_* variables of the compose file", () => {
    const result = parseConfig({
      POSTGRES_HOST: "db",
      POSTGRES_DB: "ticketdb",
      POSTGRES_USER: "ticketuser",
      POSTGRES_PASSWORD: "p@ss/word",
    });
    expect(result.ok && result.config.database).toEqual({
      kind: "postgres",
      url: "postgres://ticketuser:p%40ss%2Fword@db:5432/ticketdb",
    });
  });

  it("prefers DATABASE_URL, treats empty values as unset and splits CORS_ORIGINS", () => {
    const result = parseConfig({
      DATABASE_URL: "postgres://u@h:5433/d",
      POSTGRES_HOST: "db",
      OPENAI_API_KEY: "",
      CORS_ORIGINS: "https://a.example, https://b.example",
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        database: { kind: "postgres", url: "postgres://u@h:5433/d" },
        openai: { apiKey: undefined },
        corsOrigins: ["https://a.example", "https://b.example"],
      },
    });
  });

  it("names every bad variable", () => {
    const result = parseConfig({
      PORT: "eighty",
      CLASSIFY_TIMEOUT_MS: "-1",
      LOG_LEVEL: "loud",
      DATABASE_URL: "nope",
    });
    expect(result.ok).toBe(false);
    const problems = result.ok
      ? []
      : result.problems.map((problem) => problem.split(":")[0]);
    expect(problems.sort()).toEqual([
      "CLASSIFY_TIMEOUT_MS",
      "DATABASE_URL",
      "LOG_LEVEL",
      "PORT",
    ]);
  });

  it("a bad PORT stops the server with exit code 1 and a message naming it", async () => {
    const result = await start({ PORT: "99999" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Invalid configuration:\n {2}PORT: /);
  });

  it("an unreachable DATABASE_URL stops the server with a clear message, not a stack trace", async () => {
    const result = await start({
      DATABASE_URL: "postgres://postgres@127.0.0.1:9/ticketdesk",
      LOG_LEVEL: "silent",
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Cannot connect to PostgreSQL at 127.0.0.1:9/ticketdesk: ECONNREFUSED",
    );
  });
});

describe("a landed migration edited afterwards", () => {
  it("stops the server with one line naming the file, not a stack trace", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ticketdesk-edited-migration-"));
    try {
      // As if 0001 had been applied from another text: its recorded checksum no longer matches the file.
      const database = await openDatabase({ kind: "pglite", dataDir });
      await migrate(database);
      await database.session((session) =>
        session.exec(
          `UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE name = '0001_tickets.sql'`,
        ),
      );
      await database.close();
      const result = await start({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual([
        expect.stringMatching(
          /^Migration 0001_tickets\.sql was changed after it was applied to this database .*git checkout -- server\/db\/migrations\/0001_tickets\.sql.*new migration\.$/,
        ),
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("the first admin's settings", () => {
  it("need both ADMIN_EMAIL and ADMIN_PASSWORD", () => {
    expect(parseConfig({ ADMIN_EMAIL: "a@example.test" })).toEqual({
      ok: false,
      problems: ["ADMIN_EMAIL, ADMIN_PASSWORD: set both, or neither"],
    });
    const both = parseConfig({
      ADMIN_EMAIL: "A@Example.test",
      ADMIN_PASSWORD: "long enough",
    });
    expect(both.ok && both.config.firstAdmin).toEqual({
      email: "a@example.test",
      password: "long enough",
    });
    expect(
      parseConfig({ ADMIN_EMAIL: "a@example.test", ADMIN_PASSWORD: "short" })
        .ok,
    ).toBe(false);
  });
});

describe("mail settings", () => {
  it("read MAIL_FROM as an address or Name <address>, and build links from PUBLIC_URL", () => {
    const result = parseConfig({
      SMTP_URL: "smtp://user:secret@mail.example:587",
      MAIL_FROM: "Example Support <Support@Example.com>",
      PUBLIC_URL: "https://help.example.com/",
    });
    expect(result.ok && result.config.mail).toEqual({
      smtpUrl: "smtp://user:secret@mail.example:587",
      from: { name: "Example Support", address: "support@example.com" },
      imapUrls: [],
      inboundToken: undefined,
      inboundSenders: "anyone",
      attachmentMaxBytes: 10 * 1024 * 1024,
      baseUrl: "https://help.example.com",
    });
    const plain = parseConfig({ MAIL_FROM: "help@example.com", PORT: "9000" });
    expect(plain.ok && plain.config.mail).toMatchObject({
      from: { address: "help@example.com" },
      baseUrl: "http://localhost:9000",
    });
  });

  it("refuse SMTP_URL without MAIL_FROM, another protocol, and a MAIL_FROM that is no address", () => {
    expect(parseConfig({ SMTP_URL: "smtp://mail.example" })).toEqual({
      ok: false,
      problems: ["MAIL_FROM: required when SMTP_URL or IMAP_URL is set"],
    });
    const wrong = parseConfig({
      SMTP_URL: "http://mail.example",
      MAIL_FROM: "Support <not an address>",
    });
    expect(wrong.ok).toBe(false);
    const problems = wrong.ok ? [] : wrong.problems.join("\n");
    expect(problems).toContain("SMTP_URL");
    expect(problems).toContain("MAIL_FROM");
  });
});
