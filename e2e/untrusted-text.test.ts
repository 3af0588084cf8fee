import { describe, expect, it } from "vitest";
import { goodAnswer } from "../server/test/fake-llm.js";
import { eventually, openPage, screen } from "./page-helpers.js";
import { browserAvailable, useE2e } from "./support.js";

const HOSTILE =
  "<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>";

describe.skipIf(!browserAvailable)("text typed by customers", () => {
  const e2e = useE2e();

  it("shows a title and description full of HTML and script tags as plain text", async () => {
    e2e.app.llm.script(goodAnswer("general", "low"));
    // openPage fails the test on any dialog, such as one opened by alert().
    const { page, close } = await openPage(e2e.browser, e2e.app.url);
    const ui = screen(page);
    const description = `Steps: ${HOSTILE}\n<a href="javascript:alert(3)">click</a>`;

    await ui.form.open();
    await ui.form.title.fill(HOSTILE);
    await ui.form.description.fill(description);
    await eventually(() => ui.form.statuses()).toContain(
      "Suggested by the AI model: General (likely), low priority (likely).",
    );
    await ui.form.submit.click();
    await eventually(() => ui.titles().then((titles) => titles[0])).toBe(
      HOSTILE,
    );

    const expectPlainText = async (when: string) => {
      const ticket = ui.ticket(HOSTILE);
      await eventually(() => ticket.count()).toBe(1);
      const title = ticket.getByRole("link");
      expect(await title.textContent(), when).toBe(HOSTILE);
      expect(await ticket.textContent(), when).toContain(description);
      expect(await ticket.getByRole("img").count(), when).toBe(0);
      // The one link is the title's, to the ticket's page; the text adds none.
      const links = ticket.getByRole("link");
      expect(await links.count(), when).toBe(1);
      expect(await links.getAttribute("href"), when).toMatch(
        /^\/tickets\/\d+$/,
      );
      expect(await ticket.locator("b, script, img").count(), when).toBe(0);
    };
    await expectPlainText("after creating");
    await page.reload();
    await expectPlainText("after a reload");
    // Give a late onerror handler the chance to fire before the dialog check.
    await page.waitForTimeout(300);
    await close();
  });
});
