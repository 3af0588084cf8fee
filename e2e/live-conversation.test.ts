import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  eventually,
  liveReady,
  openPage,
  type Credentials,
} from "./page-helpers.js";
import { AGENT_TWO, RITA, addPerson } from "./console-data.js";
import { createTicket, uniqueWord } from "./test-data.js";
import { browserAvailable, useE2e } from "./support.js";

const messages = (page: Page) =>
  page
    .getByRole("list", { name: "Conversation" })
    .locator(".message-body")
    .allTextContents();

async function send(page: Page, body: string, kind?: "Internal note") {
  const form = page.getByRole("form", { name: "Reply" });
  if (kind) await form.getByRole("radio", { name: kind }).check();
  await form.getByRole("textbox").fill(body);
  await form
    .getByRole("button", { name: kind ? "Add internal note" : "Send reply" })
    .click();
}

describe.skipIf(!browserAvailable)("live updates between browsers", () => {
  const e2e = useE2e(async (app) => {
    await addPerson(app, RITA, "Rita Requester", "requester");
    await addPerson(app, AGENT_TWO, "Bo Agent", "agent");
  });
  const open = async (as: Credentials, path: string) => {
    const opened = await openPage(e2e.browser, `${e2e.app.url}${path}`, {
      as,
    });
    await liveReady(opened.page);
    return opened;
  };

  it("an agent and a requester talk on a ticket, each seeing the other's message without reloading; an internal note never reaches the requester", async () => {
    const ticket = await createTicket(e2e.app, {
      title: `Cannot download invoices ${uniqueWord("c")}`,
      description: "The download button does nothing.",
      category: "billing",
      priority: "medium",
      requester_email: RITA.email,
    });
    const path = `/tickets/${ticket.id}`;
    const agent = await openPage(e2e.browser, `${e2e.app.url}${path}`);
    await liveReady(agent.page);
    const rita = await open(RITA, path);
    // Everything the requester's browser is sent about the conversation, to search for the note.
    const seenByRita: string[] = [];
    rita.page.on("response", async (response) => {
      if (response.url().includes("/api/")) {
        const body = await response.text().catch(() => "");
        seenByRita.push(body);
      }
    });
    const note = `Internal: customer is on the legacy plan ${uniqueWord("n")}`;

    await send(agent.page, "Which browser do you use?");
    await eventually(() => messages(rita.page)).toEqual([
      "The download button does nothing.",
      "Which browser do you use?",
    ]);

    await send(rita.page, "Firefox on Windows.\nAlso Edge.");
    await eventually(() => messages(agent.page)).toEqual([
      "The download button does nothing.",
      "Which browser do you use?",
      "Firefox on Windows.\nAlso Edge.",
    ]);

    await send(agent.page, note, "Internal note");
    await eventually(() => messages(agent.page)).toContain(note);
    const noteItem = agent.page
      .getByRole("list", { name: "Conversation" })
      .getByRole("article")
      .filter({ hasText: note });
    expect(await noteItem.textContent()).toContain(
      "Internal note · agents only",
    );
    expect(await noteItem.getAttribute("class")).toContain("message-note");
    // A public reply after the note: once Rita sees it, the note would have come before it.
    await agent.page.getByRole("radio", { name: "Public reply" }).check();
    await send(agent.page, "A fix is on its way.");
    await eventually(() => messages(rita.page)).toEqual([
      "The download button does nothing.",
      "Which browser do you use?",
      "Firefox on Windows.\nAlso Edge.",
      "A fix is on its way.",
    ]);
    expect(await rita.page.content()).not.toContain(note);
    expect(seenByRita.join("\n")).not.toContain(note);
    expect(seenByRita.join("\n")).not.toContain("legacy plan");

    await agent.close();
    await rita.close();
  });

  it("a second agent's queue shows an assignment made by the first, without reloading", async () => {
    const title = `VPN drops every hour ${uniqueWord("v")}`;
    const ticket = await createTicket(e2e.app, {
      title,
      description: "Since the update the VPN drops.",
      category: "technical",
      priority: "high",
    });
    const first = await open(
      { email: "admin@example.test", password: "e2e admin password" },
      "/",
    );
    const bo = await open(AGENT_TWO, "/?assignee=me");
    const boTitles = () =>
      bo.page
        .getByRole("table", { name: "Tickets" })
        .getByRole("rowheader")
        .getByRole("link")
        .allTextContents()
        .catch(() => []);
    expect(await boTitles()).toEqual([]);

    await first.page
      .getByRole("combobox", {
        name: `Assignee of ticket #${ticket.id}`,
        exact: true,
      })
      .selectOption({ label: "Bo Agent" });
    await eventually(() => boTitles()).toEqual([title]);
    await first.close();
    await bo.close();
  });

  it("measures the time from a change in one browser to its appearance in another (median of 20)", async () => {
    const ticket = await createTicket(e2e.app, {
      title: `Latency probe ${uniqueWord("l")}`,
      description: "Changed back and forth.",
      category: "general",
      priority: "low",
    });
    const label = `Priority of ticket #${ticket.id}`;
    const a = await open(
      { email: "admin@example.test", password: "e2e admin password" },
      "/",
    );
    const b = await open(AGENT_TWO, "/");
    // The moment of the change in A: its select's change event.
    await a.page.evaluate(() =>
      document.addEventListener(
        "change",
        () => Object.assign(window, { changedAt: Date.now() }),
        true,
      ),
    );
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const value = i % 2 === 0 ? "high" : "low";
      // B notes when its copy of the select shows the new value (checked every 2 ms).
      const appeared = b.page.evaluate(
        ([name, expected]) =>
          new Promise<number>((resolve) => {
            const timer = setInterval(() => {
              const select = [
                ...document.querySelectorAll("label.inline-select"),
              ]
                .find((l) => l.textContent?.startsWith(`${name}`))
                ?.querySelector("select");
              if (select?.value === expected) {
                clearInterval(timer);
                resolve(Date.now());
              }
            }, 2);
          }),
        [label, value] as const,
      );
      await a.page
        .getByRole("combobox", { name: label, exact: true })
        .selectOption(value);
      const seen = await appeared;
      const changed = await a.page.evaluate(
        () => (window as unknown as { changedAt: number }).changedAt,
      );
      times.push(seen - changed);
      // Let the change settle everywhere before the next one.
      await a.page.waitForTimeout(100);
    }
    times.sort((x, y) => x - y);
    const median = (times[9]! + times[10]!) / 2;
    console.log(
      `change in one browser → shown in another: median ${median} ms, min ${times[0]} ms, max ${times.at(-1)} ms (20 changes)`,
    );
    expect(median).toBeLessThan(1000);
    await a.close();
    await b.close();
  });
});
