import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { expect, it } from "vitest";
import { dailyAverage } from "./stats-panel.js";
import { emptyStats, fakeApi, json } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const STATS = "GET /api/tickets/stats";

it("shows totals and every breakdown, and follows the list's filters when asked", async () => {
  window.history.replaceState(null, "", "/?priority=high");
  const api = fakeApi();
  api.on(STATS, () =>
    json(200, {
      ...emptyStats,
      total_tickets: 4,
      open_tickets: 2,
      avg_tickets_per_day: 1.5,
      status_breakdown: { open: 2, in_progress: 1, resolved: 1, closed: 0 },
    }),
  );
  const user = userEvent.setup();
  renderApp();
  const stats = await screen.findByRole("region", { name: "Statistics" });
  expect(await within(stats).findByText("Total tickets")).toBeVisible();
  expect(within(stats).getByText("1.5")).toBeVisible();
  const tiles = within(stats)
    .getAllByRole("term")
    .map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
  expect(tiles).toEqual([
    "Total tickets: 4",
    "Open, not started: 2",
    "In progress: 1",
    "New per day: 1.5",
  ]);
  const byStatus = within(stats).getByRole("figure", { name: "By status" });
  expect(
    within(byStatus)
      .getAllByRole("listitem")
      .map((li) => li.textContent),
  ).toEqual([
    "Open2 (50%)",
    "In progress1 (25%)",
    "Resolved1 (25%)",
    "Closed0 (0%)",
  ]);
  expect(api.calls(STATS)[0]?.query.toString()).toBe("");

  await user.click(
    within(stats).getByRole("checkbox", { name: "Match list filters" }),
  );
  await waitFor(() =>
    expect(api.calls(STATS).at(-1)?.query.toString()).toBe("priority=high"),
  );
});

it("says a quiet desk gets under one ticket a day, with one decimal above", () => {
  expect(dailyAverage(0, 0)).toBe("none yet");
  expect(dailyAverage(0, 3)).toBe("under 1");
  expect(dailyAverage(0.4, 3)).toBe("under 1");
  expect(dailyAverage(1, 30)).toBe("1.0");
  expect(dailyAverage(12.345, 300)).toBe("12.3");
});

it("says when a search's numbers come from the newest tickets only", async () => {
  window.history.replaceState(null, "", "/?search=login");
  const api = fakeApi();
  api.on(STATS, ({ query }) =>
    json(200, {
      ...emptyStats,
      total_tickets: 70,
      ...(query.has("search") && { scanned: 1000 }),
    }),
  );
  const user = userEvent.setup();
  renderApp();
  const stats = await screen.findByRole("region", { name: "Statistics" });
  await within(stats).findByText("Total tickets");
  expect(within(stats).queryByText(/counted in the newest/)).toBeNull();
  await user.click(
    within(stats).getByRole("checkbox", { name: "Match list filters" }),
  );
  expect(
    await within(stats).findByText(
      "Search counted in the newest 1,000 tickets only.",
    ),
  ).toBeVisible();
});
