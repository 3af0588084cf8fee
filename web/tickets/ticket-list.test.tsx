import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, json, makeTicket, requester } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const LIST = "GET /api/tickets";
const filterSelect = (name: string) =>
  within(screen.getByRole("search")).getByRole("combobox", { name });
/** The titles in the agents' queue, top first. */
const headings = () =>
  within(screen.getByRole("table", { name: "Tickets" }))
    .getAllByRole("link")
    .map((link) => link.textContent);

/** A response the test answers later, by calling `answer`. */
function deferred() {
  let answer!: (response: Response) => void;
  const response = new Promise<Response>((resolve) => (answer = resolve));
  return { response, answer };
}

describe("ticket list", () => {
  it("shows a status change at once and rolls it back, with a message, when the server refuses", async () => {
    const api = fakeApi();
    const ticket = makeTicket({ title: "Broken login", status: "open" });
    // Only the first load answers: what the list shows afterwards is the rollback's doing.
    let lists = 0;
    api.on(LIST, () =>
      lists++ === 0 ? json(200, [ticket]) : new Promise<Response>(() => {}),
    );
    const patch = deferred();
    api.on("PATCH /api/tickets/:id", () => patch.response);
    const user = userEvent.setup();
    renderApp();

    const status = await screen.findByRole("combobox", {
      name: `Status of ticket #${ticket.id}`,
    });
    await user.selectOptions(status, "resolved");
    expect(status).toHaveValue("resolved");
    expect(api.calls(`PATCH /api/tickets/${ticket.id}`)[0]?.body).toEqual({
      status: "resolved",
    });

    patch.answer(json(409, { error: "Ticket was changed by someone else" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Change not saved: Ticket was changed by someone else",
    );
    expect(status).toHaveValue("open");
  });

  it("keeps the filters in the address bar and asks the API with them", async () => {
    window.history.replaceState(null, "", "/?status=closed&category=nonsense");
    const api = fakeApi();
    const user = userEvent.setup();
    renderApp();

    // A value the API would refuse is dropped rather than breaking the page.
    await screen.findByRole("search");
    expect(filterSelect("Status")).toHaveValue("closed");
    expect(filterSelect("Category")).toHaveValue("");
    await waitFor(() =>
      expect(api.calls(LIST)[0]?.query.toString()).toBe("status=closed"),
    );

    await user.selectOptions(filterSelect("Category"), "billing");
    expect(window.location.search).toBe("?status=closed&category=billing");
    await user.type(
      screen.getByRole("searchbox", { name: "Search" }),
      "50% off",
    );
    await waitFor(() =>
      expect(window.location.search).toBe(
        "?status=closed&category=billing&search=50%25+off",
      ),
    );
    await waitFor(() =>
      expect(api.calls(LIST).at(-1)?.query.get("search")).toBe("50% off"),
    );

    await user.click(document.body);
    await user.keyboard("/");
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(window.location.search).toBe("");
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  });

  it("puts a new ticket at the top at once, before the list reloads", async () => {
    const api = fakeApi();
    const old = makeTicket({ title: "Older ticket" });
    let lists = 0;
    api.on(LIST, () =>
      lists++ === 0 ? json(200, [old]) : new Promise<Response>(() => {}),
    );
    api.on("POST /api/tickets", ({ body }) =>
      json(201, makeTicket(body as object)),
    );
    const user = userEvent.setup();
    renderApp();
    await screen.findByText("Older ticket");

    await user.click(screen.getByRole("button", { name: "New ticket" }));
    const form = screen.getByRole("form", { name: "New ticket" });
    await user.type(within(form).getByLabelText("Title"), "Newest ticket");
    await user.type(within(form).getByLabelText("Description"), "Details");
    await user.selectOptions(
      within(form).getByLabelText("Category"),
      "billing",
    );
    await user.selectOptions(within(form).getByLabelText("Priority"), "low");
    await user.click(
      within(form).getByRole("button", { name: "Submit ticket" }),
    );

    await waitFor(() =>
      expect(headings()).toEqual(["Newest ticket", "Older ticket"]),
    );
  });

  it("loads the next page from the Link header's cursor", async () => {
    const api = fakeApi();
    const first = makeTicket({ title: "First page" });
    const second = makeTicket({ title: "Second page" });
    api.on(LIST, ({ query }) =>
      query.get("cursor") === "abc"
        ? json(200, [second])
        : json(200, [first], {
            link: '</api/tickets/?limit=50&cursor=abc>; rel="next"',
          }),
    );
    const user = userEvent.setup();
    renderApp();
    await user.click(
      await screen.findByRole("button", { name: "Load more tickets" }),
    );
    await waitFor(() =>
      expect(headings()).toEqual(["First page", "Second page"]),
    );
    expect(screen.getByText(/2 tickets shown/)).toBeVisible();
  });

  it("says when tickets cannot be loaded, and retries", async () => {
    const api = fakeApi();
    let failing = true;
    api.on(LIST, () =>
      failing
        ? json(500, { error: "Internal Server Error" })
        : json(200, [makeTicket({ title: "Back again" })]),
    );
    const user = userEvent.setup();
    renderApp();
    expect(await screen.findByText(/Could not load tickets/)).toHaveTextContent(
      "Could not load tickets: Internal Server Error",
    );
    failing = false;
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("Back again")).toBeVisible();
  });

  it("shows a requester long descriptions shortened, expandable, and markup as text", async () => {
    const api = fakeApi({ me: requester });
    const description = `<b>bold</b> ${"word ".repeat(60)}END`;
    api.on(LIST, () => json(200, [makeTicket({ description })]));
    const user = userEvent.setup();
    renderApp();
    const more = await screen.findByRole("button", { name: "Show more" });
    expect(screen.queryByText(/END$/)).toBeNull();
    await user.click(more);
    expect(screen.getByText(/END$/)).toHaveTextContent(description);
    expect(document.querySelector(".ticket b")).toBeNull();
  });
});
