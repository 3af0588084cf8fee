import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  DESKTOP,
  PHONE,
  axeReport,
  eventually,
  openPage,
  type Credentials,
} from "./page-helpers.js";
import { RITA, addPerson, ritasConversation } from "./console-data.js";
import { createTicket, seedTickets } from "./test-data.js";
import { SCREENSHOTS, browserAvailable, useE2e } from "./support.js";

type Screen = {
  name: string;
  as: Credentials;
  path: string;
  ready: (page: Page) => Promise<void>;
};

const visible = (page: Page, role: "table" | "list", name: string) =>
  eventually(() => page.getByRole(role, { name }).isVisible()).toBe(true);

/** The queue, the ticket page and the requester's portal: axe-clean and pictured, light and dark, desktop and phone. */
describe.skipIf(!browserAvailable)("console screens", () => {
  let screens: Screen[] = [];
  const e2e = useE2e(async (app) => {
    await seedTickets(app);
    await addPerson(app, RITA, "Rita Requester", "requester");
    const ticket = await ritasConversation(app);
    const conversation = async (page: Page) => {
      await eventually(() =>
        page
          .getByRole("list", { name: "Conversation" })
          .getByRole("article")
          .count(),
      ).toBeGreaterThanOrEqual(3);
    };
    screens = [
      {
        name: "queue",
        as: ADMIN,
        path: "/",
        ready: (page) => visible(page, "table", "Tickets"),
      },
      {
        name: "ticket",
        as: ADMIN,
        path: `/tickets/${ticket.id}`,
        ready: conversation,
      },
      {
        name: "portal",
        as: RITA,
        path: "/",
        ready: (page) => visible(page, "list", "Tickets"),
      },
      {
        name: "portal-ticket",
        as: RITA,
        path: `/tickets/${ticket.id}`,
        ready: conversation,
      },
    ];
  });

  const variants = (["desktop", "phone"] as const).flatMap((device) =>
    (["light", "dark"] as const).map((colorScheme) => ({
      device,
      colorScheme,
    })),
  );

  it.each(variants)(
    "queue, ticket page and portal: no serious or critical axe violations, pictured ($device, $colorScheme)",
    async ({ device, colorScheme }) => {
      for (const { name, as, path, ready } of screens) {
        const { page, close } = await openPage(
          e2e.browser,
          `${e2e.app.url}${path}`,
          {
            as,
            colorScheme,
            viewport: device === "phone" ? PHONE : DESKTOP,
            isMobile: device === "phone",
            hasTouch: device === "phone",
          },
        );
        await ready(page);
        expect(await axeReport(page), `${name} ${device} ${colorScheme}`).toBe(
          "",
        );
        await page.screenshot({
          path: `${SCREENSHOTS}/console-${name}-${device}-${colorScheme}.png`,
          fullPage: true,
          animations: "disabled",
        });
        await close();
      }
    },
  );

  it("shows at least 12 tickets on a 1280×900 desktop screen", async () => {
    for (let n = 0; n < 30; n++)
      await createTicket(e2e.app, {
        title: `Printer ${n} on floor ${n % 5} jams on every second page`,
        description: "It started after the last driver update.",
        category: "technical",
        priority: "medium",
      });
    const { page, close } = await openPage(e2e.browser, e2e.app.url);
    await visible(page, "table", "Tickets");
    const rows = page.getByRole("table", { name: "Tickets" }).getByRole("row");
    await eventually(() => rows.count()).toBeGreaterThan(30);
    const boxes = await rows.evaluateAll((all) =>
      all.slice(1).map((row) => row.getBoundingClientRect().bottom),
    );
    const shown = boxes.filter((bottom) => bottom <= 900).length;
    await page.screenshot({
      path: `${SCREENSHOTS}/console-queue-density-desktop-light.png`,
      animations: "disabled",
    });
    console.log(`tickets fully visible on a 1280x900 screen: ${shown}`);
    expect(shown).toBeGreaterThanOrEqual(12);
    await close();
  });
});
