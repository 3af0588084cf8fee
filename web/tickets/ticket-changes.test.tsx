import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Ticket } from "../../contract/tickets.js";
import {
  agent,
  fakeApi,
  json,
  makeTicket,
  requester,
} from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const LIST = "GET /api/tickets";
const PATCH = "PATCH /api/tickets/:id";
const control = (name: string, ticket: Ticket) =>
  screen.findByRole("combobox", { name: `${name} of ticket #${ticket.id}` });

/** The server's answer to a PATCH: the ticket with the change (an assignee id becomes the agent). */
function patched(ticket: Ticket, body: unknown) {
  const { assignee_id, ...fields } = body as Record<string, unknown>;
  return json(200, {
    ...ticket,
    ...fields,
    ...(assignee_id !== undefined && {
      assignee: assignee_id === agent.id ? agent : null,
    }),
  });
}

// Several steps each: room for a loaded machine beyond the default 5 s.
describe("changing a ticket in the list", { timeout: 20_000 }, () => {
  it("saves a select only on a deliberate choice: arrow keys preview, Enter saves, Escape puts it back", async () => {
    const api = fakeApi();
    const ticket = makeTicket({ status: "open" });
    api.on(LIST, () => json(200, [ticket]));
    api.on(PATCH, ({ body }) => patched(ticket, body));
    renderApp();
    const status = await control("Status", ticket);

    fireEvent.keyDown(status, { key: "ArrowDown" });
    fireEvent.change(status, { target: { value: "in_progress" } });
    fireEvent.keyDown(status, { key: "ArrowDown" });
    fireEvent.change(status, { target: { value: "resolved" } });
    expect(status).toHaveValue("resolved");
    expect(status).toHaveAccessibleDescription("Enter saves, Esc undoes");
    fireEvent.keyDown(status, { key: "Escape" });
    expect(status).toHaveValue("open");
    expect(api.calls(`PATCH /api/tickets/${ticket.id}`)).toEqual([]);

    fireEvent.keyDown(status, { key: "ArrowDown" });
    fireEvent.change(status, { target: { value: "in_progress" } });
    fireEvent.keyDown(status, { key: "Enter" });
    await waitFor(() =>
      expect(
        api.calls(`PATCH /api/tickets/${ticket.id}`).map((r) => r.body),
      ).toEqual([{ status: "in_progress" }]),
    );
  });

  it("says where a ticket went when it leaves the filter, keeps the focus on Undo, and Undo puts it back", async () => {
    window.history.replaceState(null, "", "/?status=open");
    const api = fakeApi();
    const ticket = makeTicket({ title: "Leaves the list", status: "open" });
    let current = ticket;
    api.on(LIST, () => json(200, current.status === "open" ? [current] : []));
    api.on(PATCH, async ({ body }) => {
      const answer = patched(current, body);
      current = (await answer.clone().json()) as Ticket;
      return answer;
    });
    const user = userEvent.setup();
    renderApp();
    await user.selectOptions(await control("Status", ticket), "resolved");

    const notice = await screen.findByText(
      `Ticket #${ticket.id} is now Resolved and left this list.`,
    );
    expect(screen.queryByText("Leaves the list")).toBeNull();
    const undo = within(notice.parentElement!).getByRole("button", {
      name: "Undo",
    });
    expect(undo).toHaveFocus();

    await user.click(undo);
    expect(await screen.findByText("Leaves the list")).toBeVisible();
    expect(
      api.calls(`PATCH /api/tickets/${ticket.id}`).map((r) => r.body),
    ).toEqual([{ status: "resolved" }, { status: "open" }]);
    expect(document.activeElement).not.toBe(document.body);
  });

  it("asks only for the change and the statistics, not every loaded page again", async () => {
    const api = fakeApi();
    const tickets = Array.from({ length: 10 }, () => makeTicket());
    const first = tickets[0]!;
    api.on(LIST, () => json(200, tickets));
    api.on(PATCH, ({ body }) => patched(first, body));
    const user = userEvent.setup();
    renderApp();
    const priority = await control("Priority", first);
    await waitFor(() => expect(api.calls("GET /api/users")).not.toEqual([]));
    const before = api.requests.length;
    await user.selectOptions(priority, "critical");
    await waitFor(() =>
      expect(
        api.requests.slice(before).map((r) => `${r.method} ${r.path}`),
      ).toEqual([`PATCH /api/tickets/${first.id}`, "GET /api/tickets/stats"]),
    );
  });

  it("assigns a ticket to the agent and unassigns it", async () => {
    const api = fakeApi();
    const ticket = makeTicket();
    api.on(LIST, () => json(200, [ticket]));
    api.on(PATCH, ({ body }) => patched(ticket, body));
    const user = userEvent.setup();
    renderApp();
    const assignee = await control("Assignee", ticket);
    await within(assignee).findByRole("option", { name: "Me (Alan Agent)" });
    await user.selectOptions(assignee, "Me (Alan Agent)");
    await waitFor(() => expect(assignee).toHaveValue(String(agent.id)));
    await user.selectOptions(assignee, "Unassigned");
    await waitFor(() =>
      expect(
        api.calls(`PATCH /api/tickets/${ticket.id}`).map((r) => r.body),
      ).toEqual([{ assignee_id: agent.id }, { assignee_id: null }]),
    );
  });

  it("shows a requester no assignment control", async () => {
    const api = fakeApi({ me: requester });
    const ticket = makeTicket({ title: "Mine" });
    api.on(LIST, () => json(200, [ticket]));
    renderApp();
    await screen.findByText("Mine");
    expect(screen.queryByRole("combobox", { name: /Assignee/ })).toBeNull();
    expect(api.calls("GET /api/users")).toEqual([]);
  });
});

describe("quick filters", { timeout: 20_000 }, () => {
  it("shows the agent's own and the unassigned tickets in one click, and back", async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    renderApp();
    const mine = await screen.findByRole("button", { name: "Assigned to me" });
    await user.click(mine);
    expect(window.location.search).toBe("?assignee=me");
    expect(mine).toHaveAttribute("aria-pressed", "true");
    await waitFor(() =>
      expect(api.calls(LIST).at(-1)?.query.get("assignee")).toBe("me"),
    );
    await user.click(screen.getByRole("button", { name: "Unassigned" }));
    expect(window.location.search).toBe("?assignee=none");
    await user.click(screen.getByRole("button", { name: "Unassigned" }));
    expect(window.location.search).toBe("");
  });
});
