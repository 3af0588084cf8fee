import type { Page } from "playwright-core";
import type { Ticket } from "../contract/tickets.js";
import { ADMIN, eventually, type Credentials } from "./page-helpers.js";
import { asAdmin, createTicket, uniqueWord } from "./test-data.js";
import type { E2eApp } from "./support.js";

/** A customer with a password, made (with a ticket of theirs) the first time a page needs them. */
const CUSTOMER: Credentials = {
  email: "nina@example.test",
  password: "nina's long password",
};

type Desks = { desk: E2eApp; emptyDesk: E2eApp };
type PageSpec = {
  name: string;
  as: Credentials | null;
  /** Makes what the page shows; returns its address. */
  prepare: () => Promise<string>;
  /** Waits until the page shows what it is checked or pictured with. */
  ready: (page: Page) => Promise<void>;
};

const shows = async (page: Page, role: "form" | "table", name: string) => {
  await eventually(() => page.getByRole(role, { name }).isVisible()).toBe(true);
};

/** The pages of sign-in and people, each in a state worth looking at. */
export function newPages({ desk, emptyDesk }: Desks): PageSpec[] {
  return [
    {
      name: "signin",
      as: null,
      prepare: async () => `${desk.url}/signin`,
      ready: (page) => shows(page, "form", "Sign in"),
    },
    {
      name: "signup",
      as: null,
      prepare: async () => `${desk.url}/signup`,
      ready: (page) => shows(page, "form", "Create an account"),
    },
    {
      name: "setup",
      as: null,
      prepare: async () => `${emptyDesk.url}${emptyDesk.setupPath}`,
      ready: (page) => shows(page, "form", "Create the admin account"),
    },
    {
      name: "person-menu",
      as: ADMIN,
      prepare: async () => `${desk.url}/`,
      async ready(page) {
        await page.getByRole("button", { name: /^Admin/ }).click();
        await eventually(() =>
          page.getByRole("button", { name: "Sign out" }).isVisible(),
        ).toBe(true);
      },
    },
    {
      name: "my-tickets",
      as: CUSTOMER,
      async prepare() {
        const created = await asAdmin(desk, "POST", "/api/users", {
          ...CUSTOMER,
          name: "Nina Patel",
          role: "requester",
        }).then(
          () => true,
          () => false, // 409: made by an earlier page of this desk
        );
        if (created)
          await createTicket(desk, {
            title: "Where is my refund?",
            description: "I sent the parcel back on 2 March.",
            category: "billing",
            priority: "medium",
            requester_email: CUSTOMER.email,
          });
        return `${desk.url}/`;
      },
      async ready(page) {
        await eventually(() =>
          page
            .getByRole("list", { name: "Tickets" })
            .getByRole("heading", { name: "Where is my refund?" })
            .isVisible(),
        ).toBe(true);
      },
    },
    {
      name: "people",
      as: ADMIN,
      prepare: async () => `${desk.url}/people`,
      async ready(page) {
        const invite = page.getByRole("form", { name: "Invite someone" });
        await invite
          .getByRole("textbox", { name: "Name" })
          .fill("Grace Hopper");
        await invite
          .getByRole("textbox", { name: "Email" })
          .fill(`${uniqueWord("grace")}@example.test`);
        await invite.getByRole("button", { name: "Invite" }).click();
        await eventually(() =>
          invite
            .getByRole("textbox", { name: "Invitation link for Grace Hopper" })
            .isVisible(),
        ).toBe(true);
        await shows(page, "table", "People");
      },
    },
    {
      name: "tokens",
      as: ADMIN,
      prepare: async () => `${desk.url}/tokens`,
      async ready(page) {
        const form = page.getByRole("form", { name: "New token" });
        await form
          .getByRole("textbox", { name: "Token name" })
          .fill("Nightly export");
        await form.getByRole("button", { name: "Create token" }).click();
        await eventually(() =>
          form
            .getByRole("textbox", { name: "Secret of “Nightly export”" })
            .isVisible(),
        ).toBe(true);
        await shows(page, "table", "API tokens");
      },
    },
    {
      name: "ticket",
      as: ADMIN,
      async prepare() {
        const ticket = await createTicket(desk, {
          title: "Invoice PDF is blank",
          description:
            "Since Monday every invoice I download opens as an empty page. I tried Firefox and Chrome.",
          category: "billing",
          priority: "low",
          requester_email: "zoe@example.test",
          requester_name: "Zoë Martin",
        });
        const path = `/api/tickets/${ticket.id}`;
        await asAdmin<Ticket>(desk, "PATCH", path, { priority: "high" }, 200);
        await asAdmin<Ticket>(
          desk,
          "PATCH",
          path,
          { status: "in_progress" },
          200,
        );
        return `${desk.url}/tickets/${ticket.id}`;
      },
      async ready(page) {
        await eventually(() =>
          page
            .getByRole("list", { name: "History" })
            .getByRole("listitem")
            .count(),
        ).toBe(3);
      },
    },
  ];
}
