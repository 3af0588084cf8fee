import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import {
  goodAnswer,
  startFakeLlm,
  type FakeLlm,
  type Script,
} from "../test/fake-llm.js";
import { buildTestApp, testLogger, type TestApp } from "../test/helpers.js";
import { createClassifier, type Classifier } from "./classifier.js";
import { createLocalClassifier } from "./local-classifier.js";
import { openAiSuggest } from "./openai-adapter.js";
import { createTriage, type TriageMode } from "./triage.js";

// Generous: on a busy machine a good answer from the local fake can take a few hundred milliseconds.
const TIMEOUT_MS = 1000;
/** The shipped priors are sure of this one (billing)... */
const clear =
  "I was charged twice for my subscription, please refund the duplicate payment";
/** ...and unsure of this one. */
const vague = "asdf qwerty";

let llm: FakeLlm;
const opened: Classifier[] = [];
let database: TestDatabase;
beforeAll(async () => {
  [llm, database] = await Promise.all([
    startFakeLlm(),
    createTestDatabase("pglite"),
  ]);
});
afterAll(async () => {
  for (const classifier of opened) classifier.close();
  await llm.close();
  await database.drop();
});

async function appWith(
  mode: TriageMode,
  { withLlm = true } = {},
): Promise<TestApp> {
  const local = createLocalClassifier({
    db: database.db,
    log: testLogger,
    retrainEveryMs: 60_000,
  });
  const suggest = openAiSuggest({
    apiKey: "k",
    baseURL: llm.baseURL,
    model: "m",
    timeoutMs: TIMEOUT_MS,
  });
  const classifier = createTriage({
    mode,
    local,
    llm: withLlm
      ? createClassifier({ suggest, log: testLogger, cooldownMs: 60_000 })
      : undefined,
  });
  opened.push(classifier);
  return buildTestApp(database, { classifier });
}

let counter = 0;
const classify = (app: TestApp, description: string) =>
  app.inject({
    method: "POST",
    url: "/api/tickets/classify/",
    payload: {
      description,
      title: `#${++counter}`,
    },
  });

describe("TRIAGE=auto", () => {
  it("answers 200 from the local model with no API key and no network", async () => {
    const app = await appWith("auto", { withLlm: false });
    const response = await classify(app, clear);
    const health = (await app.inject({ url: "/api/health" })).json();
    await app.close();
    expect(response.statusCode).toBe(200);
    // Not "disabled": the local model answers, and no language model is configured.
    expect(health.classifier).toEqual({
      mode: "auto",
      local: "ready",
      llm: "not configured",
    });
    const body = response.json();
    expect(body).toMatchObject({
      suggested_category: "billing",
      source: "local",
    });
    expect(body.confidence.category).toBeGreaterThan(0.9);
    expect(body.confidence.priority).toBeGreaterThanOrEqual(0);
    expect(body.confidence.priority).toBeLessThanOrEqual(1);
  });

  it("asks the LLM only when the local model is unsure", async () => {
    const app = await appWith("auto");
    expect(
      (await app.inject({ url: "/api/health" })).json().classifier,
    ).toEqual({ mode: "auto", local: "ready", llm: "ready" });
    llm.script(goodAnswer("account", "low"));
    const before = llm.requests.length;
    const sure = await classify(app, clear);
    expect(sure.json()).toMatchObject({
      suggested_category: "billing",
      source: "local",
    });
    expect(llm.requests.length).toBe(before);

    const unsure = await classify(app, vague);
    await app.close();
    expect(unsure.json()).toMatchObject({
      suggested_category: "account",
      suggested_priority: "low",
      source: "llm",
    });
    expect(llm.requests.length).toBe(before + 1);
  });

  it.each<[string, Script]>([
    ["hangs", { kind: "hang" }],
    [
      "drips its body",
      {
        kind: "drip",
        content: JSON.stringify({ category: "account", priority: "low" }),
      },
    ],
    [
      "answers garbage",
      { kind: "answer", content: '```json\n{"category": "sales"' },
    ],
    ["answers 500", { kind: "fail", status: 500 }],
  ])(
    "falls back to the local answer when the LLM %s",
    async (_case, script) => {
      const app = await appWith("auto");
      llm.script(script);
      const before = llm.requests.length;
      const started = Date.now();
      const response = await classify(app, vague);
      await app.close();
      expect(llm.requests.length).toBe(before + 1);
      expect(response.statusCode).toBe(200);
      expect(response.json().source).toBe("local");
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
    },
  );
});

describe("TRIAGE=local", () => {
  it("never asks the LLM, even when unsure", async () => {
    const app = await appWith("local");
    const before = llm.requests.length;
    const response = await classify(app, vague);
    const health = (await app.inject({ url: "/api/health" })).json();
    await app.close();
    expect(response.json().source).toBe("local");
    expect(llm.requests.length).toBe(before);
    expect(health.classifier).toEqual({
      mode: "local",
      local: "ready",
      llm: "not used",
    });
  });
});

describe("TRIAGE=llm", () => {
  it("answers 503 when no API key is configured", async () => {
    const app = await appWith("llm", { withLlm: false });
    const response = await classify(app, clear);
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toMatch(/OPENAI_API_KEY/);
  });

  it("answers 503 when the LLM fails, even when the local model is sure", async () => {
    const app = await appWith("llm");
    llm.script({ kind: "fail", status: 500 });
    const response = await classify(app, clear);
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toBe("Classifier answered HTTP 500");
  });
});
