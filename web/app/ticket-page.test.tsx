import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, json, makeTicket } from "../test/fake-api.js";
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
});
