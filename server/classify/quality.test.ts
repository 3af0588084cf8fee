import { describe, expect, it } from "vitest";
import type { ClassifyResponse } from "../../contract/classify.js";
import { DB_KINDS, useTestApp } from "../test/helpers.js";
import type { Classifier } from "./classifier.js";

/** A classifier that gives these answers in turn, so the expected numbers can be worked out by hand. */
const answers: ClassifyResponse[] = [
  ["billing", "high", 0.9, 0.8],
  ["technical", "medium", 0.7, 0.5],
  ["account", "low", 0.4, 0.3],
  ["general", "low", 0.95, 0.9],
  ["billing", "medium", 0.9, 0.9],
].map(([category, priority, c, p]) => ({
  suggested_category: category,
  suggested_priority: priority,
  confidence: { category: c, priority: p },
  source: "local",
})) as ClassifyResponse[];
let next = 0;
const scripted: Classifier = {
  classify: async () => answers[next++ % answers.length]!,
  state: () => ({ mode: "local", local: "ready", llm: "not used" }),
  close: () => {},
};

describe.each(DB_KINDS)("GET /api/triage/quality on %s", (kind) => {
  const ctx = useTestApp(kind, { classifier: scripted });

  it("equals the confusion matrix worked out by hand on a small fixed set", async () => {
    next = 0;
    const ids: number[] = [];
    for (let n = 0; n < 5; n++) {
      const response = await ctx.inject({
        method: "POST",
        url: "/api/tickets/classify",
        payload: { description: `ticket ${n}` },
      });
      expect(response.statusCode).toBe(200);
      ids.push(response.json().suggestion_id);
    }
    const create = (suggestion: number, category: string, priority: string) =>
      ctx
        .inject({
          method: "POST",
          url: "/api/tickets/",
          payload: {
            title: "t",
            description: "d",
            category,
            priority,
            suggestion_id: suggestion,
          },
        })
        .then((r) => r.json());
    await create(ids[0]!, "billing", "high"); // both accepted
    await create(ids[1]!, "technical", "high"); // category accepted, priority changed
    await create(ids[2]!, "billing", "low"); // category changed, priority accepted
    const fourth = await create(ids[3]!, "general", "low"); // both accepted...
    // ...and then an agent corrects the category: the final value is what counts for accuracy.
    await ctx.inject({
      method: "PATCH",
      url: `/api/tickets/${fourth.id}`,
      payload: { category: "account" },
    });
    // The fifth suggestion was shown to the agent; another person cannot use it, and a used one
    // cannot be used again.
    await ctx.as("requester")({
      method: "POST",
      url: "/api/tickets/",
      payload: {
        title: "t",
        description: "d",
        category: "billing",
        priority: "medium",
        suggestion_id: ids[4],
      },
    });
    await create(ids[0]!, "general", "critical");

    const response = await ctx.inject({ url: "/api/triage/quality?days=7" });
    expect(response.statusCode).toBe(200);
    const quality = response.json();
    expect(quality).toMatchObject({ days: 7, threshold: expect.any(Number) });
    expect(quality.category).toMatchObject({
      suggestions: 4,
      accepted: 3,
      accuracy: 0.5,
      // rows: final billing, technical, account, general; columns: suggested
      confusion: [
        [1, 0, 1, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 0, 0],
      ],
    });
    expect(quality.category.per_class[0]).toEqual({
      label: "billing",
      precision: 1, // 1 of 1 suggested billing was billing
      recall: 0.5, // 1 of 2 final billing was suggested
      f1: 0.667,
      support: 2,
    });
    expect(quality.priority).toMatchObject({
      suggestions: 4,
      accepted: 3,
      accuracy: 0.75,
      // rows: final low, medium, high, critical
      confusion: [
        [2, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 1, 1, 0],
        [0, 0, 0, 0],
      ],
    });
  });

  it("gives coverage and accuracy at the threshold the form uses", async () => {
    const quality = (await ctx.inject({ url: "/api/triage/quality" })).json();
    expect(quality.days).toBe(30);
    // Category confidences 0.9 (right), 0.7 (right), 0.4 (wrong), 0.95 (wrong after the correction).
    expect(quality.category.at_threshold).toEqual({
      threshold: quality.threshold,
      coverage: 0.75,
      accuracy: 0.667,
    });
    // Priority: 0.8 (right), 0.5 (wrong), 0.3 (right), 0.9 (right).
    expect(quality.priority.at_threshold).toEqual({
      threshold: quality.threshold,
      coverage: 0.5,
      accuracy: 1,
    });
  });

  it("refuses a period outside 1 to 366 days with 400 naming days", async () => {
    for (const days of ["0", "367", "x"]) {
      const response = await ctx.inject({
        url: `/api/triage/quality?days=${days}`,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toHaveProperty("days");
    }
  });
});
