import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goodAnswer, startFakeLlm, type FakeLlm } from "../test/fake-llm.js";
import { testLogger } from "../test/helpers.js";
import { createClassifier } from "./classifier.js";
import { openAiSuggest, parseJsonReply } from "./openai-adapter.js";

// Generous: on a busy machine a good answer from the local fake can take a few hundred milliseconds.
const TIMEOUT_MS = 1000;
const answer = JSON.stringify({ category: "billing", priority: "high" });

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const classifier = () =>
  createClassifier({
    suggest: openAiSuggest({
      apiKey: "test-key",
      baseURL: llm.baseURL,
      model: "m",
      timeoutMs: TIMEOUT_MS,
    }),
    log: testLogger,
    cooldownMs: 60_000,
  });

let counter = 0;
const fresh = () => ({ description: `Charged twice, case ${++counter}` });

describe("the LLM call", () => {
  it.each([
    [
      "sends its headers and then drips its body",
      { kind: "drip" as const, content: answer },
    ],
    [
      "sends its headers and half its body, then stalls",
      { kind: "stall" as const, content: answer },
    ],
  ])("is cut at the timeout when the reply %s", async (_case, script) => {
    llm.script(script);
    const c = classifier();
    const started = Date.now();
    await expect(c.classify(fresh())).rejects.toMatchObject({
      reason: "Classifier timed out",
    });
    // Before the fix the call waited for the whole body: about a minute for the drip, forever for the stall.
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
    c.close();
  });

  it("opens the breaker after three failures in a row, even after many successes", async () => {
    const c = classifier();
    llm.script(goodAnswer("billing", "low"));
    for (let n = 0; n < 60; n++) await c.classify(fresh());
    llm.script({ kind: "fail", status: 500 });
    for (let n = 0; n < 3; n++)
      await expect(c.classify(fresh())).rejects.toMatchObject({
        reason: "Classifier answered HTTP 500",
      });
    expect(c.state()).toBe("paused after failures");
    const before = llm.requests.length;
    await expect(c.classify(fresh())).rejects.toMatchObject({
      reason: expect.stringMatching(/paused/),
    });
    expect(llm.requests.length).toBe(before);
    c.close();
  });

  it("does not open the breaker on failures that are not in a row", async () => {
    const c = classifier();
    for (let n = 0; n < 20; n++) {
      llm.script(goodAnswer("billing", "low"));
      await c.classify(fresh());
      await c.classify(fresh());
      llm.script({ kind: "answer", content: "garbage" });
      await c.classify(fresh()).catch(() => {});
    }
    expect(c.state()).toBe("ready");
    c.close();
  });
});

describe("parseJsonReply", () => {
  it("reads JSON inside a code fence, with or without a language tag", () => {
    expect(parseJsonReply('```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(parseJsonReply('Here:\n```\n{"a": 2}\n```\nDone')).toEqual({ a: 2 });
    expect(parseJsonReply('{"a": 3}')).toEqual({ a: 3 });
    expect(parseJsonReply("```json\n{")).toBeUndefined();
  });

  it("gives up on an unclosed fence with 300 KB of spaces in linear time", () => {
    const started = performance.now();
    expect(parseJsonReply("```" + " ".repeat(300_000))).toBeUndefined();
    expect(
      parseJsonReply("```json" + " ".repeat(300_000) + "x"),
    ).toBeUndefined();
    // The regular expression it replaces took 7.7 s on this input; a linear scan takes about a millisecond.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
