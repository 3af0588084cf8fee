import { describe, expect, it } from "vitest";
import { DB_KINDS, testLogger, useTestApp } from "../test/helpers.js";
import {
  createLocalClassifier,
  type LocalClassifier,
} from "./local-classifier.js";
import { createTriage } from "./triage.js";

const CORRECTIONS = 12;
const kind = (n: number) => ({
  title: `Pallet scanner ${n} shows a red light`,
  description: `The pallet scanner at dock ${n} shows a red light whenever we scan a pallet.`,
});

describe.each(DB_KINDS)("learning from agents' corrections on %s", (dbKind) => {
  let local: LocalClassifier;
  const ctx = useTestApp(dbKind, {
    classifier: {
      classify: (input) => local.classify(input),
      state: () => ({ mode: "local", local: "ready", llm: "not used" }),
      close: () => local.close(),
    },
  });

  it(`suggests the corrected category for a new ticket of a kind after ${CORRECTIONS} corrections`, async () => {
    local = createLocalClassifier({
      db: ctx.database.db,
      log: testLogger,
      retrainEveryMs: 100,
    });
    const triage = createTriage({ mode: "local", local });
    const next = {
      title: "Pallet scanner at the loading dock",
      description:
        "The pallet scanner near the loading dock shows a red light when scanning.",
    };
    const classify = () =>
      ctx
        .inject({
          method: "POST",
          url: "/api/tickets/classify/",
          payload: next,
        })
        .then((r) => r.json());

    const before = await classify();
    expect(before.suggested_category).toBe("technical");
    for (let n = 1; n <= CORRECTIONS; n++) {
      const created = await ctx.inject({
        method: "POST",
        url: "/api/tickets/",
        payload: { ...kind(n), category: "technical", priority: "medium" },
      });
      // The agent's correction: this desk files scanner lights with the warehouse team, under general.
      const patched = await ctx.inject({
        method: "PATCH",
        url: `/api/tickets/${created.json().id}/`,
        payload: { category: "general" },
      });
      expect(patched.statusCode).toBe(200);
    }
    const deadline = Date.now() + 20_000;
    let after = await classify();
    while (
      (after.suggested_category !== "general" ||
        local.learnedFrom() < CORRECTIONS) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await classify();
    }
    expect(after).toMatchObject({
      suggested_category: "general",
      source: "local",
    });
    expect(local.learnedFrom()).toBe(CORRECTIONS);
    triage.close();
  });
});

describe("training in the background", () => {
  const ctx = useTestApp("pglite");

  it("answers classify requests from the current model while a new one trains", async () => {
    // 3,000 worked tickets: with the priors, several seconds of training in 8 ms slices.
    await ctx.database.session((session) =>
      session.exec(`
        INSERT INTO tickets (title, description, category, priority, status)
        SELECT 'Printer ' || n, 'The label printer at desk ' || n || ' prints blank labels', 'technical', 'medium', 'resolved'
        FROM generate_series(1, 3000) AS n`),
    );
    const local = createLocalClassifier({
      db: ctx.database.db,
      log: testLogger,
      retrainEveryMs: 3_600_000,
    });
    const request = { description: "I was charged twice for my subscription" };
    await local.classify(request); // the priors are ready
    const refresh = local.refresh();
    while (!local.training())
      await new Promise((resolve) => setTimeout(resolve, 5));

    const answers = [];
    for (let n = 0; n < 5; n++) answers.push(await local.classify(request));
    expect(local.training()).toBe(true);
    expect(answers.map((a) => a.suggested_category)).toEqual(
      Array(5).fill("billing"),
    );
    expect(local.learnedFrom()).toBe(0);

    await refresh;
    expect(local.training()).toBe(false);
    expect(local.learnedFrom()).toBe(3000);
    local.close();
  });
});
