import { Writable } from "node:stream";
import { pino } from "pino";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/databases.js";
import { goodAnswer, startFakeLlm, type FakeLlm } from "../test/fake-llm.js";
import { buildTestApp, type TestApp } from "../test/helpers.js";
import { createClassifier, LLM_CONFIDENCE } from "./classifier.js";
import { createLocalClassifier } from "./local-classifier.js";
import { openAiSuggest } from "./openai-adapter.js";
import { createTriage } from "./triage.js";

const TIMEOUT_MS = 300;
const COOLDOWN_MS = 400;

let llm: FakeLlm;
let database: TestDatabase;
const logLines: string[] = [];
const logger = pino(
  { level: "info" },
  new Writable({
    write: (chunk, _encoding, done) =>
      void (logLines.push(String(chunk)), done()),
  }),
);

beforeAll(async () => {
  llm = await startFakeLlm();
  database = await createTestDatabase("pglite");
});
afterAll(async () => {
  await llm.close();
  await database.drop();
});

/** The app with TRIAGE=llm (the seed's behaviour: the model's answer or 503) against the fake LLM. */
async function appWithClassifier(config: { classifyRateLimit?: number } = {}) {
  const suggest = openAiSuggest({
    apiKey: "test-key",
    baseURL: llm.baseURL,
    model: "gpt-4o-mini",
    timeoutMs: TIMEOUT_MS,
  });
  const classifier = createTriage({
    mode: "llm",
    local: createLocalClassifier({
      db: database.db,
      log: logger,
      retrainEveryMs: 60_000,
    }),
    llm: createClassifier({ suggest, log: logger, cooldownMs: COOLDOWN_MS }),
  });
  return buildTestApp(database, { classifier, config });
}

const fromLlm = {
  confidence: { category: LLM_CONFIDENCE, priority: LLM_CONFIDENCE },
  source: "llm",
  suggestion_id: expect.any(Number),
};

let counter = 0;
/** A description never sent before, so the answer cache never hides a call. */
const fresh = () => `My invoice was charged twice, case ${++counter}`;

describe("POST /api/tickets/classify/ with a language model", () => {
  // A new app (and breaker) per test, so failures in one test never open the breaker for the next.
  let app: TestApp;
  beforeEach(async () => {
    llm.script(goodAnswer("billing", "high"));
    app = await appWithClassifier();
  });
  afterEach(() => app.close());
  const classify = (payload: object) =>
    app.inject({ method: "POST", url: "/api/tickets/classify/", payload });

  it("answers the model's suggestion and asks for JSON at temperature 0 with the prompt", async () => {
    const before = llm.requests.length;
    const description = fresh();
    const response = await classify({ title: "Double charge", description });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      suggested_category: "billing",
      suggested_priority: "high",
      ...fromLlm,
      reason: "scripted",
    });
    const sent = llm.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe("/v1/chat/completions");
    expect(sent[0]!.body).toMatchObject({
      model: "gpt-4o-mini",
      temperature: 0,
      response_format: { type: "json_object" },
    });
    const [system, user] = sent[0]!.body.messages as { content: string }[];
    for (const word of [
      "billing",
      "technical",
      "account",
      "general",
      "low",
      "medium",
      "high",
      "critical",
    ]) {
      expect(system!.content).toContain(word);
    }
    expect(user!.content).toContain(description);
  });

  it("accepts JSON wrapped in a markdown code fence, with values in any case", async () => {
    llm.script({
      kind: "answer",
      content:
        '```json\n{"category": "Technical", "priority": "CRITICAL"}\n```',
    });
    const response = await classify({ description: fresh() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      suggested_category: "technical",
      suggested_priority: "critical",
      ...fromLlm,
    });
  });

  it.each([
    ["invalid JSON", "Sure! It is billing, high."],
    [
      "an unknown category",
      JSON.stringify({ category: "sales", priority: "high" }),
    ],
    [
      "an unknown priority",
      JSON.stringify({ category: "billing", priority: "urgent" }),
    ],
    ["a missing key", JSON.stringify({ category: "billing" })],
  ])(
    "answers 503 with a detail when the model gives %s",
    async (_name, content) => {
      llm.script({ kind: "answer", content });
      const response = await classify({ description: fresh() });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        error: "Classification unavailable",
        detail: "Classifier gave an invalid answer",
      });
    },
  );

  it("gives up on a slow reply after the timeout with 503", async () => {
    llm.script({ kind: "hang" });
    const started = Date.now();
    const response = await classify({ description: fresh() });
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toBe("Classifier timed out");
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
  });

  it("answers a repeated description from its cache without calling the model", async () => {
    const description = fresh();
    const first = await classify({ description });
    const before = llm.requests.length;
    llm.script({ kind: "fail", status: 500 });
    const second = await classify({ description });
    const { suggestion_id: _first, ...answer } = first.json();
    expect(second.json()).toEqual({
      ...answer,
      suggestion_id: expect.any(Number),
    });
    expect(llm.requests.length).toBe(before);
  });

  it("refuses a blank or missing description with 400", async () => {
    for (const payload of [{ description: "  " }, { title: "only a title" }]) {
      const response = await classify(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toHaveProperty("description");
    }
  });

  it("never logs the ticket text", async () => {
    const secret = `The secret word is zebra-${Date.now()}`;
    await classify({ title: secret, description: secret });
    llm.script({ kind: "answer", content: "not json" });
    await classify({ title: secret, description: `${secret} again` });
    expect(logLines.some((line) => line.includes('"outcome":"ok"'))).toBe(true);
    expect(logLines.join("\n")).not.toContain("zebra");
  });
});

describe("the classifier's circuit breaker", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await appWithClassifier();
  });
  afterAll(() => app.close());
  const classify = () =>
    app.inject({
      method: "POST",
      url: "/api/tickets/classify",
      payload: { description: fresh() },
    });
  const health = async () =>
    (await app.inject({ url: "/api/health" })).json().classifier.llm;

  it("opens after repeated 500s, then answers 503 at once without calling the model", async () => {
    llm.script({ kind: "fail", status: 500 });
    expect(await health()).toBe("ready");
    for (let n = 0; n < 3; n++) {
      const response = await classify();
      expect(response.statusCode).toBe(503);
      expect(response.json().detail).toBe("Classifier answered HTTP 500");
    }
    expect(await health()).toBe("paused after failures");
    const before = llm.requests.length;
    const response = await classify();
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toMatch(/paused/);
    expect(llm.requests.length).toBe(before);
  });

  it("closes again after the cool-down once the model answers well", async () => {
    llm.script(goodAnswer("account", "low"));
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 100));
    expect(await health()).toBe("retrying");
    const response = await classify();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      suggested_category: "account",
      suggested_priority: "low",
    });
    expect(await health()).toBe("ready");
  });
});

describe("POST /api/tickets/classify/ limits", () => {
  it("answers 429 past the per-minute rate limit", async () => {
    const app = await appWithClassifier({ classifyRateLimit: 2 });
    llm.script(goodAnswer("general", "low"));
    const codes = [];
    for (let n = 0; n < 3; n++) {
      codes.push(
        (
          await app.inject({
            method: "POST",
            url: "/api/tickets/classify",
            payload: { description: fresh() },
          })
        ).statusCode,
      );
    }
    const limited = await app.inject({
      method: "POST",
      url: "/api/tickets/classify",
      payload: { description: fresh() },
    });
    await app.close();
    expect(codes).toEqual([200, 200, 429]);
    expect(limited.json().error).toMatch(/Too many requests/);
  });

  it("answers 503 at once when no API key is configured", async () => {
    const app = await buildTestApp(database);
    const before = llm.requests.length;
    const response = await app.inject({
      method: "POST",
      url: "/api/tickets/classify",
      payload: { description: fresh() },
    });
    const health = (await app.inject({ url: "/api/health" })).json();
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.json().detail).toMatch(/OPENAI_API_KEY/);
    expect(llm.requests.length).toBe(before);
    expect(health).toEqual({
      status: "ok",
      db: "ok",
      classifier: { mode: "llm", local: "not used", llm: "not configured" },
    });
  });
});
