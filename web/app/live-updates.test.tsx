import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Ticket } from "../../contract/tickets.js";
import { agent, fakeApi, json, makeTicket } from "../test/fake-api.js";
import { fakeLiveStream } from "../test/fake-event-source.js";
import { renderApp } from "../test/render.js";

const titles = () =>
  within(screen.getByRole("table", { name: "Tickets" }))
    .getAllByRole("rowheader")
    .map((cell) => cell.querySelector("a")?.textContent);

/** The desk with `tickets` loaded and the live stream open; the API's answers can change afterwards. */
async function deskWith(tickets: Ticket[], path = "/") {
  window.history.replaceState(null, "", path);
  const api = fakeApi();
  const current = new Map(tickets.map((t) => [t.id, t]));
  api.on("GET /api/tickets", () => json(200, tickets));
  api.on("GET /api/tickets/:id", ({ path }) => {
    const ticket = current.get(Number(path.split("/").at(-1)));
    return ticket
      ? json(200, ticket)
      : json(404, { error: "Ticket not found" });
  });
  const live = fakeLiveStream();
  renderApp();
  await screen.findByRole("table", { name: "Tickets" });
  await waitFor(() => expect(live.latest()).toBeDefined());
  live.latest()!.emit("ready");
  // Loaded before the stream listened: asked for once more when it is ready.
  await waitFor(() =>
    expect(api.calls("GET /api/tickets/stats")).toHaveLength(2),
  );
  await waitFor(() => expect(api.calls("GET /api/tickets")).toHaveLength(2));
  const since = api.requests.length;
  return {
    api,
    live,
    /** What the server now answers for a ticket. */
    change: (ticket: Ticket) => current.set(ticket.id, ticket),
    /** The requests made since the desk was loaded, as "GET /api/…". */
    after: () => api.requests.slice(since).map((r) => `${r.method} ${r.path}`),
  };
}

describe("live updates on the desk", () => {
  it("asks for the changed ticket once, moves it where it now belongs, and refreshes the statistics; no list is asked for again", async () => {
    const a = makeTicket({ title: "A", priority: "low" });
    const b = makeTicket({ title: "B", priority: "medium" });
    const c = makeTicket({ title: "C", priority: "high" });
    const desk = await deskWith([c, b, a], "/?sort=priority");
    expect(titles()).toEqual(["C", "B", "A"]);

    desk.change({ ...a, priority: "critical" });
    desk.live.latest()!.emit("ticket", {
      id: a.id,
      created: false,
      fields: ["priority"],
    });
    await waitFor(() => expect(titles()).toEqual(["A", "C", "B"]));
    await waitFor(() =>
      expect(desk.after()).toEqual([
        `GET /api/tickets/${a.id}`,
        "GET /api/tickets/stats",
      ]),
    );
  });

  it("takes a ticket out of a filtered list it no longer matches and puts a new one in", async () => {
    const open = makeTicket({ title: "Open one", status: "open" });
    const other = makeTicket({ title: "Other", status: "open" });
    const desk = await deskWith([other, open], "/?status=open");
    desk.change({ ...open, status: "resolved" });
    desk.live.latest()!.emit("ticket", {
      id: open.id,
      created: false,
      fields: ["status"],
    });
    await waitFor(() => expect(titles()).toEqual(["Other"]));

    const fresh = makeTicket({ title: "Brand new", status: "open" });
    desk.change(fresh);
    desk.live.latest()!.emit("ticket", {
      id: fresh.id,
      created: true,
      fields: [],
    });
    await waitFor(() => expect(titles()).toEqual(["Brand new", "Other"]));
    expect(desk.after().filter((r) => r === "GET /api/tickets")).toEqual([]);
  });

  it("shows an assignment in the agent's own list without reloading it", async () => {
    const mine = makeTicket({ title: "Mine already", assignee: agent });
    const desk = await deskWith([mine], "/?assignee=me");
    const taken = makeTicket({ title: "Just assigned", assignee: null });
    desk.change({ ...taken, assignee: agent });
    desk.live.latest()!.emit("ticket", {
      id: taken.id,
      created: false,
      fields: ["assignee"],
    });
    await waitFor(() =>
      expect(titles()).toEqual(["Just assigned", "Mine already"]),
    );
  });

  it("asks for everything again on reset, and after the stream had to be opened anew", async () => {
    const desk = await deskWith([makeTicket({ title: "Only" })]);
    desk.live.latest()!.emit("reset");
    await waitFor(() =>
      expect(desk.after()).toEqual(
        expect.arrayContaining(["GET /api/tickets", "GET /api/tickets/stats"]),
      ),
    );
    const before = desk.after().length;
    desk.live.latest()!.fail();
    await waitFor(() => expect(desk.live.count()).toBe(2), { timeout: 3000 });
    desk.live.latest()!.emit("ready");
    await waitFor(() =>
      expect(desk.after().slice(before)).toEqual(
        expect.arrayContaining(["GET /api/tickets", "GET /api/tickets/stats"]),
      ),
    );
  });

  it("lets a change being saved here answer first: its event waits, and the ticket leaves with the focus on Undo", async () => {
    const ticket = makeTicket({ title: "Being saved", status: "open" });
    const desk = await deskWith([ticket], "/?status=open");
    let answer = () => {};
    desk.api.on("PATCH /api/tickets/:id", async () => {
      await new Promise<void>((resolve) => (answer = resolve));
      return json(200, { ...ticket, status: "resolved" });
    });
    const user = userEvent.setup();
    await user.selectOptions(
      await screen.findByRole("combobox", {
        name: `Status of ticket #${ticket.id}`,
      }),
      "resolved",
    );
    // The server has committed the change and says so before the PATCH's answer arrives.
    desk.change({ ...ticket, status: "resolved" });
    desk.live.latest()!.emit("ticket", {
      id: ticket.id,
      created: false,
      fields: ["status"],
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(desk.after()).toContain(`PATCH /api/tickets/${ticket.id}`);
    expect(desk.after()).not.toContain(`GET /api/tickets/${ticket.id}`);
    expect(titles()).toEqual(["Being saved"]);

    answer();
    await screen.findByText(
      `Ticket #${ticket.id} is now Resolved and left this list.`,
    );
    expect(document.activeElement).toHaveAccessibleName("Undo");
    await waitFor(() =>
      expect(desk.after()).toContain(`GET /api/tickets/${ticket.id}`),
    );
  });
});
