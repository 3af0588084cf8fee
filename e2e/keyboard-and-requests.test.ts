import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  eventually,
  liveReady,
  openPage,
  pathOf,
} from "./page-helpers.js";
import { asAdmin, createTicket, uniqueWord } from "./test-data.js";
import { browserAvailable, useE2e } from "./support.js";

const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.textContent ?? "");

describe.skipIf(!browserAvailable)("the agent console", () => {
  const e2e = useE2e();

  it("triages three tickets with the keyboard alone: j, Enter and r to reply, Esc back, assign in the row", async () => {
    const word = uniqueWord("kb");
    const titles = ["first", "second", "third"].map(
      (n) => `Keyboard ${n} ${word}`,
    );
    for (const title of titles)
      await createTicket(e2e.app, {
        title,
        description: "Needs an answer.",
        category: "general",
        priority: "low",
      });
    const { page, close } = await openPage(
      e2e.browser,
      `${e2e.app.url}/?search=${word}&assignee=none&sort=oldest`,
    );
    await liveReady(page);
    const rows = page.getByRole("table", { name: "Tickets" }).getByRole("row");
    await eventually(() => rows.count()).toBe(4);

    // ? lists the shortcuts; Esc closes the list.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await eventually(() => help.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await eventually(() => help.isVisible()).toBe(false);

    for (const [i, title] of titles.entries()) {
      // j: the oldest unassigned ticket; Enter (or r from the list) opens it.
      await page.keyboard.press("j");
      expect(await focused(page)).toBe(title);
      if (i === 0) {
        await page.keyboard.press("Enter");
        await eventually(() => pathOf(page)).toMatch(/^\/tickets\/\d+$/);
        await eventually(() =>
          page.getByRole("form", { name: "Reply" }).isVisible(),
        ).toBe(true);
        await page.keyboard.press("r");
      } else {
        await page.keyboard.press("r");
        await eventually(() => pathOf(page)).toMatch(/^\/tickets\/\d+$/);
      }
      await eventually(() =>
        page.evaluate(() => document.activeElement?.id),
      ).toBe("reply-body");
      // A key that is a shortcut elsewhere is just a letter in the reply box.
      await page.keyboard.type(`Looking into it, j/k ${i}.`);
      await page.keyboard.press("Control+Enter");
      await eventually(() =>
        page
          .getByRole("list", { name: "Conversation" })
          .getByText(`Looking into it, j/k ${i}.`)
          .count(),
      ).toBe(1);
      // Esc leaves the reply box, Esc again goes back to the list.
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await eventually(() => pathOf(page)).toMatch(/^\/\?search=/);
      await eventually(() => rows.count()).toBe(4 - i);
      // In the row: Tab to its assignee, ↓ to "Me", Enter saves; the ticket leaves "Unassigned".
      await page.keyboard.press("j");
      expect(await focused(page)).toBe(title);
      await page.keyboard.press("Tab");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      // (The header row goes with the last ticket: "No tickets match these filters.")
      await eventually(() => rows.count()).toBe(i === 2 ? 0 : 3 - i);
      // The focus is on Undo, not lost to the page.
      expect(await focused(page)).toBe("Undo");
    }
    const tickets = await fetch(
      `${e2e.app.url}/api/tickets?search=${word}&limit=10`,
      { headers: { authorization: `Bearer ${e2e.app.adminToken}` } },
    ).then((r) => r.json() as Promise<{ assignee: { name: string } | null }[]>);
    expect(tickets.map((t) => t.assignee?.name)).toEqual([
      "Admin",
      "Admin",
      "Admin",
    ]);
    await close();
  });

  it("counts the requests one inline change causes with 500 tickets loaded", async () => {
    const word = uniqueWord("many");
    for (let n = 0; n < 500; n++)
      await asAdmin(e2e.app, "POST", "/api/tickets", {
        title: `Load ${n} ${word}`,
        description: "One of many.",
        category: "general",
        priority: "low",
      });
    const { page, close } = await openPage(e2e.browser, `${e2e.app.url}/`, {
      as: ADMIN,
    });
    await liveReady(page);
    const rows = page.getByRole("table", { name: "Tickets" }).getByRole("row");
    // Scroll until every ticket is loaded (10 pages of 50).
    const end = page.getByText(/tickets shown — that is all\./);
    for (let i = 0; i < 40 && !(await end.count()); i++) {
      await page.mouse.wheel(0, 20_000);
      await page.waitForTimeout(150);
    }
    expect(await rows.count()).toBeGreaterThan(500);
    const requests: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/"))
        requests.push(`${request.method()} ${url.pathname}${url.search}`);
    });
    const first = await rows
      .nth(1)
      .getByRole("link")
      .getAttribute("data-ticket");
    await page
      .getByRole("combobox", {
        name: `Priority of ticket #${first}`,
        exact: true,
      })
      .selectOption("high");
    await page.waitForTimeout(2000);
    console.log(
      `requests caused by one inline change with ${(await rows.count()) - 1} tickets loaded: ${requests.length}\n  ${requests.join("\n  ")}`,
    );
    expect(requests.filter((r) => r.startsWith("GET /api/tickets?"))).toEqual(
      [],
    );
    expect(requests.length).toBeLessThanOrEqual(3);
    await close();
  });
});
