import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../server/config.js";
import {
  appEnvironment,
  composeWithDefaults,
  readRuntimeStage,
  type ComposeFile,
} from "./image.js";

/** There is no Docker engine here; Debian's docker-compose validates and resolves the file without one. */
const composeInstalled =
  spawnSync("docker-compose", ["version"], { stdio: "ignore" }).status === 0;
if (!composeInstalled) {
  if (process.env.CI === "true")
    throw new Error(
      "docker-compose is missing: CI must install Debian's docker-compose",
    );
  console.warn(
    "\n*** docker-compose not found: compose validation is SKIPPED (apt-get install docker-compose) ***\n",
  );
}

/** `docker-compose config` with only the given .env content and no other variables set. */
function composeConfig(dotenv = "") {
  const dir = mkdtempSync(join(tmpdir(), "ticketdesk-env-"));
  writeFileSync(join(dir, ".env"), dotenv);
  const result = spawnSync(
    "docker-compose",
    ["-f", "docker-compose.yml", "--env-file", join(dir, ".env"), "config"],
    { env: { PATH: process.env.PATH }, encoding: "utf8" },
  );
  rmSync(dir, { recursive: true });
  return {
    status: result.status,
    stderr: result.stderr,
    compose: parse(result.stdout || "{}") as ComposeFile,
  };
}

/** Configuration variables that docker-compose.yml deliberately does not pass to the app. */
const NOT_PASSED = {
  DATABASE_URL: "the app uses the compose db service, through POSTGRES_*",
  DATA_DIR: "PGlite only; compose uses PostgreSQL",
  STATIC_DIR: "the image's layout fixes it",
};

describe.skipIf(!composeInstalled)("docker-compose config", () => {
  it("validates, and resolves to the services the README describes", () => {
    const { status, stderr, compose } = composeConfig();
    expect(status, stderr).toBe(0);
    const { app, db } = compose.services;

    expect(db?.image).toMatch(/^postgres:16\b/);
    expect(db?.environment).toEqual({
      POSTGRES_DB: "ticketdb",
      POSTGRES_USER: "ticketuser",
      POSTGRES_PASSWORD: "ticketpass",
    });
    expect(db?.healthcheck?.test?.join(" ")).toMatch(/pg_isready/);
    expect(db?.volumes).toContainEqual(
      expect.stringMatching(/^pgdata:\/var\/lib\/postgresql\/data\b/),
    );
    expect(compose.volumes).toHaveProperty("pgdata");

    expect(app?.build).toBeDefined();
    // No command or entrypoint: the container runs the image's CMD, which startup.test.ts runs.
    expect(app?.command).toBeUndefined();
    expect(app?.entrypoint).toBeUndefined();
    expect(app?.init).toBe(true);
    expect(app?.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(app?.ports).toEqual([
      { published: 8000, target: 8000 },
      { published: 3000, target: 8000 },
    ]);
    expect(app?.extra_hosts).toContain("host.docker.internal:host-gateway");
  });

  it("resolves variables as deploy/image.ts assumes, so the startup tests run the same environment", () => {
    const { compose } = composeConfig();
    expect(appEnvironment(compose)).toEqual(
      appEnvironment(composeWithDefaults()),
    );
  });

  it("takes OPENAI_API_KEY and the database password from .env, for the app and the database alike", () => {
    const { status, stderr, compose } = composeConfig(
      "OPENAI_API_KEY=sk-from-dotenv\nPOSTGRES_PASSWORD=from-dotenv\nLOG_LEVEL=debug\n",
    );
    expect(status, stderr).toBe(0);
    expect(compose.services.app?.environment).toMatchObject({
      OPENAI_API_KEY: "sk-from-dotenv",
      POSTGRES_PASSWORD: "from-dotenv",
      LOG_LEVEL: "debug",
    });
    expect(compose.services.db?.environment).toMatchObject({
      POSTGRES_PASSWORD: "from-dotenv",
    });
  });
});

describe("docker-compose.yml and Dockerfile agree with the app", () => {
  const compose = composeWithDefaults();
  const environment = appEnvironment(compose);

  it("passes every variable of .env.example to the app, except the few it replaces", () => {
    const documented = [
      ...readFileSync(".env.example", "utf8").matchAll(
        /^#?\s*([A-Z][A-Z0-9_]*)=/gm,
      ),
    ].map(([, name]) => name);
    const notPassed = Object.keys(NOT_PASSED);
    expect(
      documented.filter((name) => !notPassed.includes(name!)).sort(),
    ).toEqual(Object.keys(environment).sort());
  });

  it("defaults to the app's own defaults, with the database at the db service", () => {
    const withCompose = parseConfig(environment);
    const bare = parseConfig({});
    if (!withCompose.ok || !bare.ok) throw new Error("config rejected");
    expect(withCompose.config).toEqual({
      ...bare.config,
      database: {
        kind: "postgres",
        url: "postgres://ticketuser:ticketpass@db:5432/ticketdb",
      },
    });
    expect(environment).toMatchObject({
      POSTGRES_DB: compose.services.db?.environment?.POSTGRES_DB,
      POSTGRES_USER: compose.services.db?.environment?.POSTGRES_USER,
      POSTGRES_PASSWORD: compose.services.db?.environment?.POSTGRES_PASSWORD,
    });
  });

  it("builds a production image: two stages, node user, NODE_ENV, health check, exec-form CMD", () => {
    const runtime = readRuntimeStage();
    expect(runtime.stageCount).toBeGreaterThanOrEqual(2);
    expect(runtime.env.NODE_ENV).toBe("production");
    expect(runtime.user).toBe("node");
    expect(runtime.expose).toBe(environment.PORT);
    expect(runtime.healthcheck.join(" ")).toMatch(/\/api\/health/);
    expect(runtime.cmd).toEqual(["node", "dist/server/main.js"]);
    // Only package files and the build output reach the runtime image.
    expect(runtime.copies).toEqual([
      "package.json package-lock.json ./",
      "--from=build /app/dist ./dist",
    ]);
  });

  it("keeps secrets and local build output out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n");
    expect(ignored).toEqual(
      expect.arrayContaining([
        ".env",
        "node_modules",
        "dist",
        "data/*",
        ".git",
      ]),
    );
    // ...but the triage priors, which the build copies into the image, stay in.
    expect(ignored).toContain("!data/triage");
  });
});
