import { describe, expect, it } from "vitest";
import { eventually, openPage, screen } from "./page-helpers.js";
import { createTicket, uniqueWord } from "./test-data.js";
import { browserAvailable, useE2e } from "./support.js";

describe.skipIf(!browserAvailable)("finding and updating tickets", () => {
  const e2e = useE2e();

  const query = (url: string) =>
    Object.fromEntries(new URL(url).searchParams.entries());

  it("finds a ticket by search and filters, keeps them in the address bar, and shows the same view after a reload", async () => {
    const word = uniqueWord("zebra");
    const refund = `Refund for ${word} not received`;
    const outage = `Dashboard for ${word} times out`;
    await createTicket(e2e.app, {
      title: refund,
      description: "I was promised a refund two weeks ago.",
      category: "billing",
      priority: "low",
    });
    await createTicket(e2e.app, {
      title: outage,
      description: "The dashboard never finishes loading.",
      category: "technical",
      priority: "critical",
    });
    await createTicket(e2e.app, {
      title: "Unrelated question about invoices",
      description: "Where do I download my invoices?",
      category: "billing",
      priority: "low",
    });
    const { page, close } = await openPage(e2e.browser, e2e.app.url);
    const ui = screen(page);
    await eventually(() => ui.titles()).toContain(refund);

    await ui.filters.search.fill(word.toUpperCase());
    await eventually(() => ui.titles()).toEqual([outage, refund]);
    expect(query(page.url())).toEqual({ search: word.toUpperCase() });

    await ui.filters.category.selectOption({ label: "Billing" });
    await eventually(() => ui.titles()).toEqual([refund]);
    await ui.filters.category.selectOption({ label: "All" });
    await ui.filters.priority.selectOption({ label: "Critical" });
    await ui.filters.status.selectOption({ label: "Open" });
    await eventually(() => ui.titles()).toEqual([outage]);
    expect(query(page.url())).toEqual({
      search: word.toUpperCase(),
      priority: "critical",
      status: "open",
    });

    await page.reload();
    await eventually(() => ui.titles()).toEqual([outage]);
    expect(await ui.filters.search.inputValue()).toBe(word.toUpperCase());
    expect(await ui.filters.category.inputValue()).toBe("");
    expect(await ui.filters.priority.inputValue()).toBe("critical");
    expect(await ui.filters.status.inputValue()).toBe("open");

    await ui.filters.status.selectOption({ label: "Closed" });
    await eventually(() => ui.tickets.getByRole("status").textContent()).toBe(
      "No tickets match these filters.",
    );
    await ui.tickets.getByRole("button", { name: "Clear filters" }).click();
    await eventually(() => ui.titles()).toContain(refund);
    expect(query(page.url())).toEqual({});
    expect(await ui.filters.search.inputValue()).toBe("");

    // Each change was a step in the history: Back undoes them one by one.
    await page.goBack();
    await eventually(() => query(page.url())).toEqual({
      search: word.toUpperCase(),
      priority: "critical",
      status: "closed",
    });
    expect(await ui.filters.search.inputValue()).toBe(word.toUpperCase());
    await page.goBack();
    await eventually(() => ui.titles()).toEqual([outage]);
    expect(await ui.filters.status.inputValue()).toBe("open");
    await close();
  });

  it("changes a ticket's status in place and the statistics follow", async () => {
    const title = `Password reset link expired ${uniqueWord("p")}`;
    const ticket = await createTicket(e2e.app, {
      title,
      description: "The link in the reset email says it has expired.",
      category: "account",
      priority: "medium",
    });
    const { page, close } = await openPage(e2e.browser, e2e.app.url);
    const ui = screen(page);
    const status = ui.statusOf(ticket.id);
    await eventually(() => status.inputValue()).toBe("open");
    await eventually(() => ui.tiles()).toHaveProperty("Open, not started");
    const tiles = await ui.tiles();
    const byStatus = await ui.breakdown("By status");
    expect(byStatus.Open).toBe(Number(tiles["Open, not started"]));
    expect(byStatus["In progress"]).toBe(Number(tiles["In progress"]));

    await status.selectOption({ label: "In progress" });
    await eventually(() => ui.tiles()).toEqual({
      ...tiles,
      "Open, not started": String(Number(tiles["Open, not started"]) - 1),
      "In progress": String(Number(tiles["In progress"]) + 1),
    });
    await eventually(() => ui.breakdown("By status")).toEqual({
      ...byStatus,
      Open: byStatus.Open! - 1,
      "In progress": byStatus["In progress"]! + 1,
    });
    expect(await ui.ticket(title).textContent()).toContain("In progress");

    await page.reload();
    await eventually(() => ui.statusOf(ticket.id).inputValue()).toBe(
      "in_progress",
    );
    await close();
  });
});
