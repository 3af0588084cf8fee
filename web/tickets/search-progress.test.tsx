import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { SEARCH_SCANNED_HEADER } from "../../contract/tickets.js";
import { fakeApi, json, makeTicket } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const LIST = "GET /api/tickets";
const next = (cursor: string) => ({
  link: `</api/tickets/?search=rare&cursor=${cursor}>; rel="next"`,
  [SEARCH_SCANNED_HEADER]: "1000",
});

describe("a search that stops short of the oldest tickets", () => {
  it("says how far it searched and searches older tickets only when asked", async () => {
    window.history.replaceState(null, "", "/?search=rare");
    const api = fakeApi();
    const older = makeTicket({ title: "Rare and old" });
    api.on(LIST, ({ query }) =>
      query.get("cursor") === "b"
        ? json(200, [older])
        : query.get("cursor") === "a"
          ? json(200, [], next("b"))
          : json(200, [], next("a")),
    );
    const user = userEvent.setup();
    renderApp();

    const status = await screen.findByText(
      "No match in the newest 1,000 tickets.",
    );
    expect(status).toBeVisible();
    expect(api.calls(LIST)).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Search further" }));
    expect(
      await screen.findByText("No match in the newest 2,000 tickets."),
    ).toBeVisible();
    expect(api.calls(LIST)).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Search further" }));
    await waitFor(() =>
      expect(
        within(screen.getByRole("table", { name: "Tickets" })).getByRole(
          "link",
          { name: /Rare and old/ },
        ),
      ).toBeVisible(),
    );
    expect(screen.getByText(/1 ticket shown — that is all/)).toBeVisible();
  });
});
