import { describe, expect, it } from "vitest";
import {
  DESKTOP,
  PHONE,
  axeReport,
  eventually,
  openPage,
} from "./page-helpers.js";
import { SCREENSHOTS, browserAvailable, useE2e } from "./support.js";
import { seedSuggestedTickets } from "./triage-data.js";

describe.skipIf(!browserAvailable)(
  "the agents' suggestion-quality panel",
  () => {
    const e2e = useE2e(seedSuggestedTickets);

    it("shows what GET /api/triage/quality measured on the tickets made from suggestions", async () => {
      const { page, close } = await openPage(
        e2e.browser,
        `${e2e.app.url}/triage`,
      );
      const panel = page.getByRole("region", { name: "Suggestion quality" });
      const summary = panel.getByRole("table", {
        name: "12 suggestions that became tickets, last 30 days",
      });
      const row = (name: string) =>
        summary
          .getByRole("row", { name: new RegExp(`^${name}`) })
          .locator("td")
          .allTextContents();
      await eventually(() => row("Accepted as suggested")).toEqual([
        "75% (9 of 12)",
        "83% (10 of 12)",
      ]);
      expect(await row("Right, after agents’ changes")).toEqual(["75%", "83%"]);
      // A language model's answer counts as confidence 0.8: every one reached the threshold.
      expect(await row("Confident enough to fill in")).toEqual([
        "100%, 75% right",
        "100%, 83% right",
      ]);
      const categories = panel.getByRole("table", {
        name: "Category: final value by suggested value",
      });
      expect(
        await categories
          .getByRole("row", { name: /^Billing/ })
          .locator("td")
          .allTextContents(),
      ).toEqual(["3", "0", "0", "1"]);
      await close();
    });

    it.each(
      [
        ["desktop", DESKTOP],
        ["phone", PHONE],
      ].flatMap(([device, viewport]) =>
        (["light", "dark"] as const).map((colorScheme) => ({
          device: device as string,
          viewport: viewport as typeof DESKTOP,
          colorScheme,
        })),
      ),
    )(
      "screenshot: $device, $colorScheme",
      async ({ device, viewport, colorScheme }) => {
        const { page, close } = await openPage(
          e2e.browser,
          `${e2e.app.url}/triage`,
          {
            viewport,
            colorScheme,
          },
        );
        const panel = page.getByRole("region", { name: "Suggestion quality" });
        await panel.getByRole("table", { name: /^Priority: / }).waitFor();
        // The heat maps' colours and text, in this scheme, as axe sees them.
        expect(await axeReport(page)).toBe("");
        await panel.screenshot({
          path: `${SCREENSHOTS}/triage-quality-${device}-${colorScheme}.png`,
          animations: "disabled",
        });
        await page.screenshot({
          path: `${SCREENSHOTS}/triage-quality-page-${device}-${colorScheme}.png`,
          fullPage: true,
          animations: "disabled",
        });
        await close();
      },
    );
  },
);
