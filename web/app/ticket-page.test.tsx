import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, json, makeTicket, requester } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const at = new Date().toISOString();

describe("the ticket page", () => {
  it("shows the ticket and who changed what", async () => {
    window.history.replaceState(null, "", "/tickets/12");
    const api = fakeApi();
    api.on("GET /api/tickets/:id", () =>
      json(
        200,
        makeTicket({
          id: 12,
          title: "VPN drops",
          requester: { id: 3, name: "Rita Requester", email: "r@x.test" },
        }),
      ),
    );
    api.on("GET /api/tickets/:id/events", () =>
      json(200, [
        {
          id: 1,
          at,
          actor: { kind: "user", id: 3, name: "Rita Requester" },
          kind: "created",
        },
        {
          id: 2,
          at,
          actor: { kind: "user", id: 2, name: "Alan Agent" },
          kind: "changed",
          field: "priority",
          from: "medium",
          to: "high",
        },
        {
          id: 3,
          at,
          actor: { kind: "user", id: 2, name: "Alan Agent" },
          kind: "assigned",
          from: null,
          to: "Alan Agent",
        },
        {
          id: 4,
          at,
          actor: { kind: "system" },
          kind: "changed",
          field: "status",
          from: "resolved",
          to: "open",
        },
        {
          id: 5,
          at,
          actor: { kind: "user", id: 2, name: "Alan Agent" },
          kind: "message",
        },
        {
          id: 6,
          at,
          actor: { kind: "user", id: 2, name: "Alan Agent" },
          kind: "message",
          internal: true,
        },
      ]),
    );
    renderApp();
    expect(
      await screen.findByRole("heading", { level: 1, name: "#12 VPN drops" }),
    ).toBeVisible();
    expect(screen.getByText("r@x.test").parentElement).toHaveTextContent(
      "Rita Requesterr@x.test",
    );
    const history = await screen.findByRole("list", { name: "History" });
    expect(
      within(history)
        .getAllByRole("listitem")
        .map((item) =>
          item.textContent?.replace(/\s+\S+ ago$|\s+just now$/, ""),
        ),
    ).toEqual([
      "Rita Requester created the ticket",
      "Alan Agent changed priority from Medium to High",
      "Alan Agent assigned it to Alan Agent",
      "The desk changed status from Resolved to Open",
      "Alan Agent wrote a message",
      "Alan Agent added an internal note",
    ]);
  });

  it("says so when the ticket does not exist or is not the person's, and shows no history", async () => {
    window.history.replaceState(null, "", "/tickets/99");
    const api = fakeApi();
    api.on("GET /api/tickets/:id", () =>
      json(404, { error: "Ticket not found" }),
    );
    renderApp();
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "There is no such ticket, or it is not yours to see.",
    );
    expect(screen.queryByRole("list", { name: "History" })).toBeNull();
    expect(api.calls("GET /api/tickets/99")).toHaveLength(1);
  });

  it("shows a requester the conversation after the description and a reply box without internal notes", async () => {
    window.history.replaceState(null, "", "/tickets/5");
    const api = fakeApi({ me: requester });
    api.on("GET /api/tickets/:id", () =>
      json(
        200,
        makeTicket({
          id: 5,
          title: "Refund",
          description: "Where is my refund?",
          status: "resolved",
          requester: { id: 3, name: "Rita Requester", email: "r@x.test" },
        }),
      ),
    );
    api.on("GET /api/tickets/:id/events", () => json(200, []));
    api.on("GET /api/tickets/:id/messages", () =>
      json(200, [
        {
          id: 4,
          ticket_id: 5,
          author: { id: 2, name: "Alan Agent", role: "agent" },
          body: "Sent on Monday.",
          internal: false,
          created_at: at,
        },
      ]),
    );
    renderApp();
    const conversation = await screen.findByRole("list", {
      name: "Conversation",
    });
    await within(conversation).findByText("Sent on Monday.");
    expect(
      within(conversation)
        .getAllByRole("article")
        .map((message) => message.querySelector(".message-body")?.textContent),
    ).toEqual(["Where is my refund?", "Sent on Monday."]);
    const reply = screen.getByRole("form", { name: "Reply" });
    expect(within(reply).queryByRole("radio")).toBeNull();
    expect(reply).toHaveTextContent("Replying opens this ticket again.");
    expect(screen.getByRole("button", { name: "Reopen ticket" })).toBeVisible();
  });
});
