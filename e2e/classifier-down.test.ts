import { describe, expect, it } from "vitest";
import type { Script } from "../server/test/fake-llm.js";
import { eventually, openPage, screen } from "./page-helpers.js";
import { uniqueWord } from "./test-data.js";
import { browserAvailable, useE2e } from "./support.js";

const UNAVAILABLE =
  "Suggestions are unavailable right now; choose category and priority yourself.";
// The browser logs every non-2xx response; the classify endpoint's 503 is the point of these tests.
const CLASSIFY_503 =
  /status of 503 \(Service Unavailable\) \(http:\/\/[^/]+\/api\/tickets\/classify\)$/;

describe.skipIf(!browserAvailable)(
  "creating a ticket with the classifier down",
  () => {
    const e2e = useE2e();

    it.each<[string, Script]>([
      ["answers 500", { kind: "fail", status: 500 }],
      ["hangs past the timeout", { kind: "hang" }],
    ])(
      "says suggestions are unavailable when the LLM %s, and the ticket can still be submitted",
      async (_case, script) => {
        e2e.app.llm.script(script);
        const { page, close } = await openPage(e2e.browser, e2e.app.url, {
          expectedErrors: [CLASSIFY_503],
        });
        const ui = screen(page);
        await ui.form.open();
        const title = `Cannot export report ${uniqueWord("c")}`;

        await ui.form.title.fill(title);
        await ui.form.description.fill("The CSV export button does nothing.");
        await eventually(() => ui.form.statuses()).toContain(UNAVAILABLE);
        expect(await ui.form.category.inputValue()).toBe("");
        expect(await ui.form.priority.inputValue()).toBe("");

        await ui.form.category.selectOption({ label: "Technical" });
        await ui.form.priority.selectOption({ label: "Medium" });
        await ui.form.submit.click();
        await eventually(() => ui.form.statuses()).toContainEqual(
          expect.stringMatching(/^Ticket #\d+ created\.$/),
        );
        await eventually(() => ui.titles().then((titles) => titles[0])).toBe(
          title,
        );
        expect(await ui.form.title.inputValue()).toBe("");
        await close();
      },
    );

    it("lets a ticket be submitted while a suggestion is still on its way", async () => {
      e2e.app.llm.script({ kind: "hang" });
      const { page, close } = await openPage(e2e.browser, e2e.app.url, {
        expectedErrors: [CLASSIFY_503],
      });
      const ui = screen(page);
      await ui.form.open();
      const title = `Billing address wrong ${uniqueWord("w")}`;

      await ui.form.title.fill(title);
      await ui.form.description.fill("My invoices show my old address.");
      await eventually(() => ui.form.statuses()).toContain(
        "Looking for a suggestion…",
      );
      await ui.form.category.selectOption({ label: "Billing" });
      await ui.form.priority.selectOption({ label: "Low" });
      await ui.form.submit.click();
      await eventually(() => ui.titles().then((titles) => titles[0])).toBe(
        title,
      );
      expect(await ui.form.statuses()).not.toContain(UNAVAILABLE);
      await close();
    });
  },
);
