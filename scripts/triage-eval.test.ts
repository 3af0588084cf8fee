import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { SUGGESTION_THRESHOLD } from "../contract/classify.js";

const dir = mkdtempSync(join(tmpdir(), "triage-eval-"));
afterAll(() => rmSync(dir, { recursive: true }));

const file = (name: string, lines: object[] | string) => {
  const path = join(dir, name);
  writeFileSync(
    path,
    typeof lines === "string"
      ? lines
      : lines.map((l) => JSON.stringify(l)).join("\n"),
  );
  return path;
};
const evaluate = (...args: string[]) =>
  promisify(execFile)("npx", ["tsx", "scripts/triage-eval.ts", ...args], {
    encoding: "utf8",
  });

const test = file("test.jsonl", [
  {
    title: "Charged twice",
    description: "My card was charged twice for the same invoice.",
    category: "billing",
    priority: "high",
  },
  {
    title: "App crashes",
    description: "The app crashes when I open it on my phone.",
    category: "technical",
    priority: null,
  },
  {
    title: "Cannot log in",
    description: "My password reset email never arrives.",
    category: "account",
    priority: "medium",
  },
]);

describe("npm run triage:eval", () => {
  it("evaluates the shipped priors alone with --test, as JSON", async () => {
    const { stdout } = await evaluate("--test", test, "--json");
    const report = JSON.parse(stdout);
    expect(report.trained_on).toMatchObject({
      priors: true,
      file: null,
      tickets: 4000,
    });
    expect(report.tested_on).toEqual({ file: test, tickets: 3 });
    expect(report.category.count).toBe(3);
    expect(
      report.category.confusion.flat().reduce((a: number, b: number) => a + b),
    ).toBe(3);
    expect(report.category.accuracy).toBe(1);
    // Rows without a priority count for the category only.
    expect(report.priority.count).toBe(2);
    expect(report.priority.at_threshold.threshold).toBe(SUGGESTION_THRESHOLD);
  });

  it("trains on priors plus --train, or on --train alone with --no-priors, and prints tables", async () => {
    const desk = file("desk.jsonl", [
      {
        title: "Scanner red light",
        description: "The pallet scanner shows a red light.",
        category: "general",
        priority: "low",
      },
    ]);
    const withPriors = JSON.parse(
      (await evaluate("--train", desk, "--test", test, "--json")).stdout,
    );
    expect(withPriors.trained_on).toMatchObject({
      priors: true,
      tickets: 4001,
    });
    const alone = JSON.parse(
      (await evaluate("--train", desk, "--test", test, "--no-priors", "--json"))
        .stdout,
    );
    expect(alone.trained_on).toMatchObject({ priors: false, tickets: 1 });
    expect(alone.category.accuracy).toBeCloseTo(0); // one general ticket teaches "general" only

    const { stdout } = await evaluate("--test", test);
    expect(stdout).toMatch(/category: accuracy 100\.0%, macro-F1/);
    expect(stdout).toMatch(/confusion \(rows: actual, columns: suggested\)/);
    expect(stdout).toMatch(/always the most common priority: 50\.0%/);
  }, 120_000); // three trainings: slow on a busy machine

  it("reports a learning curve from a desk file beside the TF-IDF baseline trained on the same tickets", async () => {
    const desk = file("curve-desk.jsonl", [
      {
        title: "Scanner red light",
        description: "The pallet scanner shows a red light.",
        category: "general",
        priority: "low",
      },
      {
        title: "Forklift badge",
        description: "Where do I pick up a forklift badge?",
        category: "general",
        priority: null,
      },
    ]);
    const curve = JSON.parse(
      (await evaluate("--curve", desk, "--on", test, "--on", test, "--json"))
        .stdout,
    );
    expect(curve.desk).toBe(desk);
    expect(curve.measured_on).toEqual([
      { file: test, tickets: 3 },
      { file: test, tickets: 3 },
    ]);
    // Priors alone, then each size below the desk's (none here) and all of it, three models each.
    expect(
      curve.rows.map((r: { model: string; desk: number }) => [r.model, r.desk]),
    ).toEqual([
      ["local", 0],
      ["local", 2],
      ["local, desk alone", 2],
      ["TF-IDF + LR baseline", 2],
    ]);
    const [priors, , alone, baseline] = curve.rows;
    expect(priors.results[0].category.accuracy).toBe(1);
    // Two "general" tickets teach "general" only; none of the three tested is general.
    expect(alone.results[0].category.accuracy).toBe(0);
    expect(baseline.results[0].category.accuracy).toBe(0);
    expect(baseline.results[1].priority.count).toBe(2);

    const { stdout } = await evaluate("--curve", desk, "--on", test);
    expect(stdout).toMatch(/^TF-IDF \+ LR baseline +2 +0\.0% \/ /m);
    expect(stdout).toMatch(/always the commonest priority +50\.0%/);
  }, 120_000);

  it("names the line of a file that is not labelled tickets", async () => {
    const bad = file(
      "bad.jsonl",
      '{"title": "a", "description": "b", "category": "billing", "priority": "low"}\n{"description": "x", "category": "sales"}\n',
    );
    await expect(evaluate("--test", bad)).rejects.toMatchObject({
      stderr: expect.stringContaining("bad.jsonl:2: not a labelled ticket"),
    });
  });
});
