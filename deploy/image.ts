import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** What the runtime stage of the Dockerfile (its last stage) sets and runs. */
export type RuntimeStage = {
  stageCount: number;
  env: Record<string, string>;
  copies: string[];
  user?: string;
  expose?: string;
  healthcheck: string[];
  cmd: string[];
};

/** Reads Dockerfile's last stage; enough of the syntax for this Dockerfile, not a general parser. */
export function readRuntimeStage(path = "Dockerfile"): RuntimeStage {
  const lines = readFileSync(path, "utf8")
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .filter((line) => line.trim() && !line.trimStart().startsWith("#"));
  const stageStarts = lines.flatMap((line, i) =>
    /^FROM\s/i.test(line) ? [i] : [],
  );
  const stage: RuntimeStage = {
    stageCount: stageStarts.length,
    env: {},
    copies: [],
    healthcheck: [],
    cmd: [],
  };
  for (const line of lines.slice(stageStarts.at(-1))) {
    const [, instruction = "", rest = ""] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    switch (instruction.toUpperCase()) {
      case "ENV":
        for (const [, key = "", value = ""] of rest.matchAll(/(\w+)=(\S+)/g))
          stage.env[key] = value;
        break;
      case "COPY":
        stage.copies.push(rest);
        break;
      case "USER":
        stage.user = rest;
        break;
      case "EXPOSE":
        stage.expose = rest;
        break;
      case "HEALTHCHECK":
        stage.healthcheck = execForm(rest.replace(/^(--\S+\s+)*CMD\s+/, ""));
        break;
      case "CMD":
        stage.cmd = execForm(rest);
    }
  }
  return stage;
}

function execForm(text: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
    throw new Error(`not an exec-form (JSON array) instruction: ${text}`);
  return value;
}

export type ComposeService = {
  image?: string;
  build?: unknown;
  command?: unknown;
  entrypoint?: unknown;
  environment?: Record<string, string | number>;
  ports?: unknown[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
  volumes?: string[];
  init?: boolean;
  extra_hosts?: string[];
};
export type ComposeFile = {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};

/**
 * docker-compose.yml as Compose reads it when no variable is set and there is no .env: every
 * `${NAME:-default}` in a value becomes its default. compose.test.ts checks this against docker-compose.
 */
export function composeWithDefaults(path = "docker-compose.yml"): ComposeFile {
  return withDefaults(parse(readFileSync(path, "utf8"))) as ComposeFile;
}

function withDefaults(value: unknown): unknown {
  if (typeof value === "string")
    return value.replace(
      /\$\{\w+:-([^}]*)\}/g,
      (_, fallback: string) => fallback,
    );
  if (Array.isArray(value)) return value.map(withDefaults);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withDefaults(item)]),
    );
  return value;
}

/** The app service's environment as strings, the way a container receives it. */
export function appEnvironment(compose: ComposeFile): Record<string, string> {
  const environment = compose.services.app?.environment ?? {};
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, String(value)]),
  );
}
