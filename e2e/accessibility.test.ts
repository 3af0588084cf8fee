import { AxeBuilder } from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { goodAnswer } from "../server/test/fake-llm.js";
import { openPage, typeTicketAndWaitForSuggestion } from "./page-helpers.js";
import { seedTickets } from "./test-data.js";
import { browserAvailable, useE2e } from "./support.js";

describe.skipIf(!browserAvailable)("accessibility of the main screen", () => {
  const e2e = useE2e(async (app) => {
    await seedTickets(app);
    app.llm.script(goodAnswer("billing", "medium"));
  });

  it.each(["light", "dark"] as const)(
    "has no serious or critical axe violations with tickets and a suggestion shown, in the %s scheme",
    async (colorScheme) => {
      const { page, close } = await openPage(e2e.browser, e2e.app.url, {
        colorScheme,
      });
      await typeTicketAndWaitForSuggestion(page);

      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter(
        (v) => v.impact === "serious" || v.impact === "critical",
      );
      const report = serious
        .map(
          (v) =>
            `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
            v.nodes
              .map((n) => `  ${n.target.join(" ")}\n    ${n.failureSummary}`)
              .join("\n"),
        )
        .join("\n");
      expect(serious, `axe violations:\n${report}`).toEqual([]);
      await close();
    },
  );
});
