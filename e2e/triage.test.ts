import { describe, expect, it } from "vitest";
import { goodAnswer } from "../server/test/fake-llm.js";
import { eventually, openPage, screen } from "./page-helpers.js";
import { uniqueWord } from "./test-data.js";
import { browserAvailable, useE2e } from "./support.js";

describe.skipIf(!browserAvailable)("creating a ticket with AI triage", () => {
  const e2e = useE2e();

  it("fills category and priority from the suggestion, keeps a hand-picked value, and shows the new ticket at the top at once", async () => {
    const { page, close } = await openPage(e2e.browser, e2e.app.url);
    const ui = screen(page);
    await ui.form.open();
    const title = `Checkout page crashes ${uniqueWord("t")}`;
    const description =
      "Since this morning the checkout page shows a blank screen.";

    e2e.app.llm.script(goodAnswer("technical", "high"));
    await ui.form.title.fill(title);
    await ui.form.description.fill(description);
    await eventually(() => ui.form.statuses()).toContain(
      "Suggested by the AI model: Technical (likely), high priority (likely).",
    );
    expect(await ui.form.category.inputValue()).toBe("technical");
    expect(await ui.form.priority.inputValue()).toBe("high");

    // The person knows better about the priority; the next suggestion must not undo that.
    await ui.form.priority.selectOption({ label: "Critical" });
    const asked = e2e.app.llm.requests.length;
    e2e.app.llm.script(goodAnswer("billing", "low"));
    await ui.form.description.pressSequentially(" The card was charged twice.");
    await eventually(() => ui.form.statuses()).toContain(
      "Suggested by the AI model: Billing (likely), low priority (likely).",
    );
    expect(e2e.app.llm.requests.length).toBeGreaterThan(asked);
    expect(await ui.form.category.inputValue()).toBe("billing");
    expect(await ui.form.priority.inputValue()).toBe("critical");

    // Hold back every list and stats refetch: the form must reset and the ticket appear from the
    // create reply alone, without waiting for the server to list tickets again.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname.startsWith("/api/tickets"),
      async (route) => {
        if (route.request().method() === "GET") await held;
        await route.fallback();
      },
    );
    await ui.form.submit.click();
    await eventually(() => ui.form.statuses()).toContainEqual(
      expect.stringMatching(/^Ticket #\d+ created\.$/),
    );
    expect((await ui.titles())[0]).toBe(title);
    expect(await ui.form.title.inputValue()).toBe("");
    expect(await ui.form.description.inputValue()).toBe("");
    expect(await ui.form.category.inputValue()).toBe("");
    expect(await ui.form.priority.inputValue()).toBe("");
    release();
    await page.unrouteAll({ behavior: "wait" });

    const created = ui.ticket(title);
    expect(await created.textContent()).toContain("Billing");
    expect(await created.textContent()).toContain("Critical");
    expect(await created.textContent()).toContain(description);
    await close();
  });
});

describe.skipIf(!browserAvailable)(
  "a fresh desk without a language model",
  () => {
    const e2e = useE2e(undefined, { triage: "auto", withLlm: false });

    it("suggests a category from its own model while the description is typed", async () => {
      const { page, close } = await openPage(e2e.browser, e2e.app.url);
      const ui = screen(page);
      await ui.form.open();
      await ui.form.title.fill("Refund please");
      await ui.form.description.pressSequentially(
        "I was charged twice for my subscription this month",
      );
      await eventually(() => ui.form.statuses()).toContainEqual(
        expect.stringMatching(
          /^Suggested by this desk's own model: Billing \(very likely\)/,
        ),
      );
      expect(await ui.form.category.inputValue()).toBe("billing");
      expect(
        await page.getByText("Suggested — very likely").count(),
      ).toBeGreaterThan(0);
      expect(await ui.form.statuses()).not.toContainEqual(
        expect.stringMatching(/unavailable/),
      );
      expect(e2e.app.llm.requests).toHaveLength(0);
      await close();
    });
  },
);
