import { act, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, json, makeTicket, requester } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

describe("the desk page", () => {
  it("gives a requester their tickets and the form, no statistics, and only close or reopen", async () => {
    const api = fakeApi({ me: requester });
    let ticket = makeTicket({ title: "My order", status: "open" });
    api.on("GET /api/tickets", () => json(200, [ticket]));
    api.on("PATCH /api/tickets/:id", ({ body }) => {
      ticket = { ...ticket, ...(body as object) };
      return json(200, ticket);
    });
    const user = userEvent.setup();
    renderApp();

    const mine = await screen.findByRole("region", { name: "My tickets" });
    await within(mine).findByText("My order");
    expect(screen.getByRole("form", { name: "New ticket" })).toBeVisible();
    expect(screen.queryByRole("region", { name: "Statistics" })).toBeNull();
    expect(api.calls("GET /api/tickets/stats")).toEqual([]);
    expect(
      within(mine).queryByRole("combobox", { name: /of ticket/ }),
    ).toBeNull();
    expect(
      within(screen.getByRole("search")).queryByRole("combobox", {
        name: "Assignee",
      }),
    ).toBeNull();
    expect(screen.queryByRole("link", { name: "People" })).toBeNull();

    await user.click(
      within(mine).getByRole("button", { name: "Close ticket" }),
    );
    expect(api.calls(`PATCH /api/tickets/${ticket.id}`)[0]?.body).toEqual({
      status: "closed",
    });
    expect(
      await within(mine).findByRole("button", { name: "Reopen ticket" }),
    ).toBeVisible();
  });

  it("makes each filter change a step that Back undoes", async () => {
    fakeApi();
    const user = userEvent.setup();
    renderApp();
    const search = await screen.findByRole("search");
    const select = (name: string) =>
      within(search).getByRole("combobox", { name });

    await user.selectOptions(select("Category"), "billing");
    await user.selectOptions(select("Assignee"), "me");
    expect(window.location.search).toBe("?category=billing&assignee=me");

    act(() => window.history.back());
    await waitFor(() => expect(select("Assignee")).toHaveValue(""));
    expect(window.location.search).toBe("?category=billing");
    expect(select("Category")).toHaveValue("billing");
    act(() => window.history.back());
    await waitFor(() => expect(select("Category")).toHaveValue(""));
  });
});
