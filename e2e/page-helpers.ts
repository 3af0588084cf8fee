import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support.js";

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

const ANONYMOUS_ME =
  /status of 401 \(Unauthorized\) \(http:\/\/[^/]+\/api\/auth\/me\)$/;

export type Credentials = { email: string; password: string };
export const ADMIN: Credentials = {
  email: ADMIN_EMAIL,
  password: ADMIN_PASSWORD,
};

/**
 * A page that records every console error, uncaught exception and dialog; `close()` fails on any of them.
 * `expectedErrors` match console errors as "<text> (<source url>)". The browser is signed in as
 * `as` (the admin unless told otherwise; null: nobody) through the API before the page opens:
 * signing in through the form is the subject of its own test.
 */
export async function openPage(
  browser: Browser,
  url: string,
  {
    expectedErrors = [],
    as = ADMIN,
    ...options
  }: BrowserContextOptions & {
    expectedErrors?: RegExp[];
    as?: Credentials | null;
  } = {},
) {
  const context = await browser.newContext({
    viewport: DESKTOP,
    reducedMotion: "reduce",
    ...options,
  });
  if (as) {
    const response = await context.request.post(
      `${new URL(url).origin}/api/auth/login`,
      { data: as },
    );
    expect(response.status(), "signing in").toBe(200);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  // Nobody signed in: the app's question "who is this?" is answered 401, which the browser logs.
  const expected = as ? expectedErrors : [...expectedErrors, ANONYMOUS_ME];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = `${message.text()} (${message.location().url})`;
    if (expected.some((pattern) => pattern.test(text))) return;
    problems.push(`console error: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.stack}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  return {
    page,
    /** Fails with every problem the page reported; then closes it. */
    async close() {
      await context.close();
      expect(problems, "the page reported problems").toEqual([]);
    },
  };
}

/** Waits until the page's live stream is open: from then on, changes made elsewhere show up by themselves. */
export const liveReady = (page: Page) =>
  eventually(() => page.locator('[data-live="on"]').count()).toBe(1);

/** Polls until the value matches: Playwright's own `expect` is not in playwright-core. */
export const eventually = <T>(read: () => Promise<T> | T, timeout = 10_000) =>
  expect.poll(read, { timeout, interval: 50 });

/** The parts of the main screen, found by role and accessible name. */
export function screen(page: Page) {
  const form = page.getByRole("form", { name: "New ticket" });
  const filters = page.getByRole("search");
  const stats = page.getByRole("region", { name: "Statistics" });
  // Agents see a table (the queue), requesters a list of their tickets.
  const list = page
    .getByRole("table", { name: "Tickets" })
    .or(page.getByRole("list", { name: "Tickets" }));
  return {
    form: {
      title: form.getByRole("textbox", { name: "Title" }),
      description: form.getByRole("textbox", { name: "Description" }),
      category: form.getByRole("combobox", { name: "Category" }),
      priority: form.getByRole("combobox", { name: "Priority" }),
      submit: form.getByRole("button", { name: "Submit ticket" }),
      /** Agents file tickets behind the "New ticket" button; requesters always see the form. */
      async open() {
        const button = page.getByRole("button", {
          name: "New ticket",
          exact: true,
        });
        await eventually(
          async () => (await button.count()) + (await form.count()),
        ).toBeGreaterThan(0);
        if (
          (await button.count()) &&
          (await button.getAttribute("aria-expanded")) === "false"
        )
          await button.click();
      },
      statuses: () => form.getByRole("status").allTextContents(),
    },
    filters: {
      search: filters.getByRole("searchbox", { name: "Search" }),
      category: filters.getByRole("combobox", { name: "Category" }),
      priority: filters.getByRole("combobox", { name: "Priority" }),
      status: filters.getByRole("combobox", { name: "Status" }),
    },
    stats,
    tickets: page.getByRole("region", { name: "Tickets" }),
    list,
    /** The titles of the tickets shown, top first. */
    titles: () =>
      list
        .getByRole("heading", { level: 3 })
        .or(list.getByRole("rowheader").getByRole("link"))
        .allTextContents(),
    /** A requester's ticket card, or an agent's row of the queue. */
    ticket: (title: string) =>
      list.getByRole("article", { name: title, exact: true }).or(
        list.getByRole("row").filter({
          has: page.getByRole("link", { name: title, exact: true }),
        }),
      ),
    statusOf: (id: number) =>
      page.getByRole("combobox", {
        name: `Status of ticket #${id}`,
        exact: true,
      }),
    priorityOf: (id: number) =>
      page.getByRole("combobox", {
        name: `Priority of ticket #${id}`,
        exact: true,
      }),
    /** The stat tiles as { "Open, not started": "3", ... }. */
    async tiles(): Promise<Record<string, string>> {
      const terms = await stats.getByRole("term").allTextContents();
      const values = await stats.getByRole("definition").allTextContents();
      return Object.fromEntries(
        terms.map((term, i) => [term, values[i] ?? ""]),
      );
    },
    /** One breakdown (“By status”, …) as { Open: 3, ... }. */
    async breakdown(name: string): Promise<Record<string, number>> {
      const details = stats.locator("details");
      if (!(await details.getAttribute("open")))
        await details.locator("summary").click();
      const rows = await stats
        .getByRole("figure", { name })
        .getByRole("listitem")
        .allTextContents();
      return Object.fromEntries(
        rows.map((row) => {
          const [, label = row, count = ""] =
            /^(\D+?)\s*([\d,]+) \(\d+%\)$/.exec(row) ?? [];
          return [label, Number(count.replace(/,/g, ""))];
        }),
      );
    },
  };
}

/** Types a ticket into the form and waits until the (scripted) suggestion has filled it in. */
export async function typeTicketAndWaitForSuggestion(page: Page) {
  const ui = screen(page);
  await eventually(() => ui.titles()).not.toEqual([]);
  await ui.form.open();
  await ui.form.title.fill("Invoice shows the wrong VAT number");
  await ui.form.description.fill(
    "Our VAT number changed in January but the invoices still show the old one.",
  );
  await eventually(() => ui.form.statuses()).toContainEqual(
    expect.stringMatching(/^Suggested by /),
  );
}

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, { email, password }: Credentials) {
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByRole("textbox", { name: "Email" }).fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

/** The path and query of the page's address, e.g. "/people" or "/?status=open". */
export const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/** Axe's serious and critical violations on the page, as readable text (empty when none). */
export async function axeReport(page: Page): Promise<string> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map((n) => `  ${n.target.join(" ")}\n    ${n.failureSummary}`)
          .join("\n"),
    )
    .join("\n");
}
