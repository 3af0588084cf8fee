import { describe, it } from "vitest";
import { goodAnswer } from "../server/test/fake-llm.js";
import {
  DESKTOP,
  PHONE,
  eventually,
  openPage,
  screen,
  typeTicketAndWaitForSuggestion,
} from "./page-helpers.js";
import { newPages } from "./new-pages.js";
import { seedTickets } from "./test-data.js";
import { SCREENSHOTS, browserAvailable, useE2e } from "./support.js";

/** Pictures of the main screens for people to look at (e2e/screenshots/, not committed). */
describe.skipIf(!browserAvailable)("screenshots", () => {
  const e2e = useE2e(async (app) => {
    await seedTickets(app);
    app.llm.script(goodAnswer("billing", "medium"));
  });
  const emptyDesk = useE2e(undefined, { admin: false });

  const screens = [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const;
  const schemes = ["light", "dark"] as const;

  it.each(
    screens.flatMap(([device, viewport]) =>
      schemes.map((colorScheme) => ({ device, viewport, colorScheme })),
    ),
  )(
    "main screen with tickets and a suggestion: $device, $colorScheme",
    async ({ device, viewport, colorScheme }) => {
      const { page, close } = await openPage(e2e.browser, e2e.app.url, {
        viewport,
        colorScheme,
      });
      await typeTicketAndWaitForSuggestion(page);
      await page.screenshot({
        path: `${SCREENSHOTS}/main-${device}-${colorScheme}.png`,
        fullPage: true,
        animations: "disabled",
      });
      await close();
    },
  );

  it.each(
    screens.flatMap(([device, viewport]) =>
      schemes.map((colorScheme) => ({ device, viewport, colorScheme })),
    ),
  )(
    "sign-in, sign-up, setup, person menu, people, tokens and ticket pages: $device, $colorScheme",
    async ({ device, viewport, colorScheme }) => {
      const pages = newPages({ desk: e2e.app, emptyDesk: emptyDesk.app });
      for (const { name, as, prepare, ready } of pages) {
        const { page, close } = await openPage(e2e.browser, await prepare(), {
          viewport,
          colorScheme,
          as,
        });
        await ready(page);
        await page.screenshot({
          path: `${SCREENSHOTS}/${name}-${device}-${colorScheme}.png`,
          fullPage: true,
          animations: "disabled",
        });
        await close();
      }
    },
  );

  it("filtered list", async () => {
    const { page, close } = await openPage(
      e2e.browser,
      `${e2e.app.url}/?category=technical&status=open`,
    );
    const ui = screen(page);
    await eventually(() => ui.titles()).toEqual([
      "Dashboard charts never finish loading",
    ]);
    await ui.stats
      .getByRole("checkbox", { name: "Match list filters" })
      .check();
    await eventually(() => ui.tiles()).toMatchObject({ "Total tickets": "1" });
    await page.screenshot({
      path: `${SCREENSHOTS}/filtered-desktop-light.png`,
      fullPage: true,
      animations: "disabled",
    });
    await close();
  });
});
