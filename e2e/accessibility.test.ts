import { describe, expect, it } from "vitest";
import { goodAnswer } from "../server/test/fake-llm.js";
import { newPages } from "./new-pages.js";
import {
  axeReport,
  openPage,
  typeTicketAndWaitForSuggestion,
} from "./page-helpers.js";
import { seedTickets } from "./test-data.js";
import { browserAvailable, useE2e } from "./support.js";

const SCHEMES = ["light", "dark"] as const;

describe.skipIf(!browserAvailable)("accessibility", () => {
  const e2e = useE2e(async (app) => {
    await seedTickets(app);
    app.llm.script(goodAnswer("billing", "medium"));
  });
  const emptyDesk = useE2e(undefined, { admin: false });

  it.each(SCHEMES)(
    "the main screen has no serious or critical axe violations with tickets and a suggestion shown, in the %s scheme",
    async (colorScheme) => {
      const { page, close } = await openPage(e2e.browser, e2e.app.url, {
        colorScheme,
      });
      await typeTicketAndWaitForSuggestion(page);
      expect(await axeReport(page)).toBe("");
      await close();
    },
  );

  it.each(SCHEMES)(
    "sign-in, sign-up, setup, people, tokens and the ticket page have no serious or critical axe violations, in the %s scheme",
    async (colorScheme) => {
      const pages = newPages({ desk: e2e.app, emptyDesk: emptyDesk.app });
      for (const { name, as, prepare, ready } of pages) {
        const { page, close } = await openPage(e2e.browser, await prepare(), {
          colorScheme,
          as,
        });
        await ready(page);
        expect(await axeReport(page), name).toBe("");
        await close();
      }
    },
  );
});
