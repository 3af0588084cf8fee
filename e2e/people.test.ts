import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { goodAnswer } from "../server/test/fake-llm.js";
import {
  ADMIN,
  eventually,
  openPage,
  pathOf,
  screen,
  signIn,
} from "./page-helpers.js";
import { seedTickets, uniqueWord } from "./test-data.js";
import { browserAvailable, useE2e } from "./support.js";

const AGENT = { email: "alan@example.test", password: "alan's long password" };
const REQUESTER = {
  email: "rita@example.test",
  password: "rita's long password",
};
/** The browser logs every non-2xx response; these are the ones a test provokes on purpose. */
const refused = (status: number, path: string) =>
  new RegExp(`status of ${status} .*\\(http://[^/]+${path}\\)$`);

describe.skipIf(!browserAvailable)("people and access", () => {
  const e2e = useE2e(async (app) => {
    await seedTickets(app);
    app.llm.script(goodAnswer("billing", "medium"));
  });

  it("the admin invites an agent; a requester signs up, files a ticket and sees only theirs; the agent raises its priority and the history says who did", async () => {
    // The admin asks for the people page, signs in through the form and lands there.
    const admin = await openPage(e2e.browser, `${e2e.app.url}/people`, {
      as: null,
    });
    await eventually(() => pathOf(admin.page)).toBe(
      "/signin?redirect=%2Fpeople",
    );
    await signIn(admin.page, ADMIN);
    await eventually(() => pathOf(admin.page)).toBe("/people");

    const invite = admin.page.getByRole("form", { name: "Invite someone" });
    await invite.getByRole("textbox", { name: "Name" }).fill("Alan Agent");
    await invite.getByRole("textbox", { name: "Email" }).fill(AGENT.email);
    await invite
      .getByRole("combobox", { name: "Role" })
      .selectOption({ label: "Agent" });
    await invite.getByRole("button", { name: "Invite" }).click();
    const link = invite.getByRole("textbox", {
      name: "Invitation link for Alan Agent",
    });
    await eventually(() => link.count()).toBe(1);
    const inviteUrl = await link.inputValue();
    expect(inviteUrl).toMatch(/\/invite\?token=/);
    await eventually(() =>
      admin.page
        .getByRole("row", { name: /Alan Agent/ })
        .getByRole("combobox", { name: "Role of Alan Agent" })
        .inputValue(),
    ).toBe("agent");

    // The agent opens the link and chooses a password.
    const agent = await openPage(e2e.browser, inviteUrl, { as: null });
    const setPassword = agent.page.getByRole("form", {
      name: "Set your password",
    });
    await setPassword.getByLabel("Password").fill(AGENT.password);
    await setPassword
      .getByRole("button", { name: "Set password and sign in" })
      .click();
    await eventually(() => pathOf(agent.page)).toBe("/");
    await eventually(() => screen(agent.page).titles()).toContain(
      "Charged twice for the March invoice",
    );

    // A customer signs up and files a ticket; none of the desk's other tickets show.
    const requester = await openPage(e2e.browser, `${e2e.app.url}/signin`, {
      as: null,
      expectedErrors: [refused(404, "/api/tickets/1")],
    });
    await requester.page
      .getByRole("link", { name: "Create an account" })
      .click();
    const signup = requester.page.getByRole("form", {
      name: "Create an account",
    });
    await signup.getByRole("textbox", { name: "Name" }).fill("Rita Requester");
    await signup.getByRole("textbox", { name: "Email" }).fill(REQUESTER.email);
    await signup.getByLabel("Password").fill(REQUESTER.password);
    await signup.getByRole("button", { name: "Create account" }).click();
    const mine = screen(requester.page);
    await eventually(() =>
      requester.page
        .getByRole("region", { name: "My tickets" })
        .getByRole("status")
        .textContent(),
    ).toBe("No tickets yet. Submit the first one above.");

    const title = `Refund for order ${uniqueWord("r")}`;
    await mine.form.title.fill(title);
    await mine.form.description.fill("I returned the parcel two weeks ago.");
    await eventually(() => mine.form.statuses()).toContainEqual(
      expect.stringMatching(/^Suggested by the AI model: Billing/),
    );
    await mine.form.submit.click();
    await eventually(() => mine.titles()).toEqual([title]);
    const created = (await mine.form.statuses()).join(" ");
    const id = Number(/Ticket #(\d+) created/.exec(created)?.[1]);
    expect(id).toBeGreaterThan(0);
    // No statistics and no field controls for a customer: only close or reopen.
    expect(await mine.stats.count()).toBe(0);
    expect(await mine.priorityOf(id).count()).toBe(0);
    expect(
      await mine
        .ticket(title)
        .getByRole("button", { name: "Close ticket" })
        .count(),
    ).toBe(1);

    // The agent finds it and raises its priority.
    const desk = screen(agent.page);
    await desk.filters.search.fill(title);
    await eventually(() => desk.titles()).toEqual([title]);
    expect(
      await desk
        .ticket(title)
        .getByRole("cell", { name: "Rita Requester" })
        .count(),
    ).toBe(1);
    await desk.priorityOf(id).selectOption({ label: "High" });
    await desk.ticket(title).getByRole("link", { name: title }).click();
    await eventually(() => pathOf(agent.page)).toBe(`/tickets/${id}`);
    await eventually(() => historyOf(agent.page)).toEqual([
      expect.stringMatching(/^Rita Requester created the ticket/),
      expect.stringMatching(/^Alan Agent changed priority from Medium to High/),
    ]);

    // The customer sees the same history, and another person's ticket does not exist for them.
    await requester.page.goto(`${e2e.app.url}/tickets/${id}`);
    await eventually(() => historyOf(requester.page)).toContainEqual(
      expect.stringMatching(/^Alan Agent changed priority from Medium to High/),
    );
    await requester.page.goto(`${e2e.app.url}/tickets/1`);
    await eventually(() =>
      requester.page.getByRole("alert").textContent(),
    ).toContain("There is no such ticket, or it is not yours to see.");

    // Signing out leads back to the sign-in page, and the desk stays closed after a reload.
    await requester.page
      .getByRole("button", { name: /Rita Requester/ })
      .click();
    await requester.page.getByRole("button", { name: "Sign out" }).click();
    await eventually(() => pathOf(requester.page)).toBe("/signin");
    await requester.page.goto(`${e2e.app.url}/`);
    await eventually(() => pathOf(requester.page)).toBe("/signin?redirect=%2F");

    await Promise.all([admin.close(), agent.close(), requester.close()]);
  });

  it("sends a person whose session ended to sign-in, and back to the same filtered list afterwards", async () => {
    const { page, close } = await openPage(
      e2e.browser,
      `${e2e.app.url}/?status=open`,
      {
        expectedErrors: [
          refused(401, "/api/tickets\\?.*"),
          refused(401, "/api/tickets/stats"),
        ],
      },
    );
    const ui = screen(page);
    await eventually(() => ui.titles()).toContain(
      "Charged twice for the March invoice",
    );
    // Sign-in state survives a reload.
    await page.reload();
    await eventually(() => ui.titles()).toContain(
      "Charged twice for the March invoice",
    );

    await page.context().clearCookies();
    await ui.filters.priority.selectOption({ label: "High" });
    await eventually(() => pathOf(page)).toBe(
      "/signin?redirect=%2F%3Fstatus%3Dopen%26priority%3Dhigh",
    );
    await signIn(page, ADMIN);
    await eventually(() => pathOf(page)).toBe("/?status=open&priority=high");
    await eventually(() => ui.titles()).toContain(
      "Dashboard charts never finish loading",
    );
    expect(await ui.titles()).not.toContain(
      "Cannot sign in after changing my email address",
    );
    await close();
  });
});

describe.skipIf(!browserAvailable)("a new desk", () => {
  const e2e = useE2e(undefined, { admin: false });

  it("creates its first admin through the printed setup link", async () => {
    const { page, close } = await openPage(
      e2e.browser,
      `${e2e.app.url}${e2e.app.setupPath}`,
      { as: null },
    );
    const form = page.getByRole("form", { name: "Create the admin account" });
    await form.getByRole("textbox", { name: "Name" }).fill("Ada Admin");
    await form.getByRole("textbox", { name: "Email" }).fill("ada@example.test");
    await form.getByLabel("Password").fill("ada's long password");
    await form.getByRole("button", { name: "Create admin account" }).click();
    await eventually(() => pathOf(page)).toBe("/people");
    await eventually(() =>
      page.getByRole("row", { name: /Ada Admin/ }).textContent(),
    ).toContain("ada@example.test");
    await close();
  });
});

const historyOf = (page: Page) =>
  page
    .getByRole("list", { name: "History" })
    .getByRole("listitem")
    .allTextContents();
