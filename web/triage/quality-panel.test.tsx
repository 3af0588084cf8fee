import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { expect, it } from "vitest";
import type { TriageQuality } from "../../contract/triage.js";
import { emptyQuality, fakeApi, json, requester } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const QUALITY = "GET /api/triage/quality";

// Ten tickets from suggestions: rows are the final category, columns the suggested one.
const quality: TriageQuality = {
  ...emptyQuality,
  category: {
    ...emptyQuality.category,
    suggestions: 10,
    accepted: 8,
    accuracy: 0.7,
    confusion: [
      [4, 0, 0, 0],
      [1, 2, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 1, 0],
    ],
    at_threshold: { threshold: 0.55, coverage: 0.8, accuracy: 0.875 },
  },
  priority: {
    ...emptyQuality.priority,
    suggestions: 10,
    accepted: 6,
    accuracy: 0.5,
    confusion: [
      [1, 1, 0, 0],
      [0, 3, 1, 0],
      [0, 2, 1, 0],
      [0, 0, 1, 0],
    ],
    at_threshold: { threshold: 0.55, coverage: 0.6, accuracy: 0.5 },
  },
};

it("shows agents acceptance, accuracy per field, the threshold and each confusion matrix as a table", async () => {
  window.history.replaceState(null, "", "/triage");
  const api = fakeApi();
  api.on(QUALITY, (r) =>
    json(200, { ...quality, days: Number(r.query.get("days")) }),
  );
  const user = userEvent.setup();
  renderApp();
  const panel = await screen.findByRole("region", {
    name: "Suggestion quality",
  });
  const summary = await within(panel).findByRole("table", {
    name: "10 suggestions that became tickets, last 30 days",
  });
  const rows = within(summary)
    .getAllByRole("row")
    .map((row) =>
      [...row.querySelectorAll("th, td")].map((cell) => cell.textContent),
    );
  expect(rows).toEqual([
    ["", "Category", "Priority"],
    ["Accepted as suggested", "80% (8 of 10)", "60% (6 of 10)"],
    ["Right, after agents’ changes", "70%", "50%"],
    ["Confident enough to fill in", "80%, 88% right", "60%, 50% right"],
  ]);
  expect(panel).toHaveTextContent(
    "The form fills in a suggestion when its confidence is at least 55%",
  );

  const categories = within(panel).getByRole("table", {
    name: "Category: final value by suggested value",
  });
  const technical = within(categories).getByRole("row", { name: /^Technical/ });
  expect(
    within(technical)
      .getAllByRole("cell")
      .map((cell) => cell.textContent),
  ).toEqual(["1", "2", "0", "0"]);
  // Colour follows the share of the row: 2 of 3 technical tickets were suggested right.
  const right = within(technical).getAllByRole("cell")[1]!;
  expect(right.style.getPropertyValue("--heat")).toBe("0.67");
  expect(right).toHaveAttribute(
    "title",
    "2 of 3 Technical tickets were suggested Technical (67%)",
  );
  expect(
    within(categories)
      .getAllByRole("columnheader")
      .map((th) => th.textContent),
  ).toEqual(["Billing", "Technical", "Account", "General"]);
  expect(
    within(panel).getByRole("table", {
      name: "Priority: final value by suggested value",
    }),
  ).toBeVisible();
  expect(api.calls(QUALITY)[0]?.query.get("days")).toBe("30");

  await user.selectOptions(
    within(panel).getByRole("combobox", { name: "Period" }),
    "Last 7 days",
  );
  expect(
    await within(panel).findByRole("table", {
      name: "10 suggestions that became tickets, last 7 days",
    }),
  ).toBeVisible();
  expect(api.calls(QUALITY).at(-1)?.query.get("days")).toBe("7");
});

it("says there is nothing to measure yet when no suggestion became a ticket", async () => {
  window.history.replaceState(null, "", "/triage");
  fakeApi();
  renderApp();
  const panel = await screen.findByRole("region", {
    name: "Suggestion quality",
  });
  expect(
    await within(panel).findByText(
      "No suggestion became a ticket in the last 30 days, so there is nothing to measure yet.",
    ),
  ).toBeVisible();
  expect(within(panel).queryByRole("table")).toBeNull();
});

it("is not shown to requesters, who never ask for it: /triage takes them to their tickets", async () => {
  window.history.replaceState(null, "", "/triage");
  const api = fakeApi({ me: requester });
  renderApp();
  expect(
    await screen.findByRole("heading", { name: "My tickets", level: 1 }),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(api.calls("GET /api/tickets")).not.toHaveLength(0),
  );
  expect(
    screen.queryByRole("region", { name: "Suggestion quality" }),
  ).toBeNull();
  expect(screen.queryByRole("link", { name: "Triage" })).toBeNull();
  expect(api.calls(QUALITY)).toEqual([]);
});
