import { screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { User } from "../../contract/people.js";
import { agent, fakeApi, json, requester } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const admin: User = { ...agent, id: 1, name: "Ada Admin", role: "admin" };

describe("people and tokens pages", () => {
  it("lets an admin invite someone, shows the link once, and change a role", async () => {
    window.history.replaceState(null, "", "/people");
    const api = fakeApi({ me: admin });
    api.on("GET /api/users", () => json(200, [admin, requester]));
    api.on("POST /api/users", ({ body }) =>
      json(201, {
        user: { ...agent, ...(body as object), id: 9 },
        invite_url: "http://desk.test/invite?token=abc",
      }),
    );
    api.on("PATCH /api/users/:id", ({ body }) =>
      json(200, { user: { ...requester, ...(body as object) } }),
    );
    const user = userEvent.setup();
    renderApp();

    const invite = await screen.findByRole("form", { name: "Invite someone" });
    await user.type(within(invite).getByLabelText("Name"), "Grace");
    await user.type(within(invite).getByLabelText("Email"), "g@example.test");
    await user.click(within(invite).getByRole("button", { name: "Invite" }));
    expect(api.calls("POST /api/users")[0]?.body).toEqual({
      email: "g@example.test",
      name: "Grace",
      role: "agent",
    });
    const link = await within(invite).findByRole("textbox", {
      name: "Invitation link for Grace",
    });
    expect(link).toHaveValue("http://desk.test/invite?token=abc");
    expect(link).toHaveAccessibleDescription(/shown only now/);

    // The admin's own row has no controls: they cannot demote or disable themselves.
    expect(
      screen.queryByRole("combobox", { name: "Role of Ada Admin" }),
    ).toBeNull();
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Role of Rita Requester" }),
      "agent",
    );
    expect(api.calls(`PATCH /api/users/${requester.id}`)[0]?.body).toEqual({
      role: "agent",
    });
  });

  it("shows an agent the people without invite or controls, and keeps requesters out", async () => {
    window.history.replaceState(null, "", "/people");
    const api = fakeApi();
    api.on("GET /api/users", () => json(200, [agent, requester]));
    renderApp();
    expect(
      await screen.findByRole("row", { name: /Rita Requester/ }),
    ).toBeVisible();
    expect(screen.queryByRole("form", { name: "Invite someone" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Disable/ })).toBeNull();
  });

  it("sends a requester who opens /people to their tickets", async () => {
    window.history.replaceState(null, "", "/people");
    fakeApi({ me: requester });
    renderApp();
    expect(
      await screen.findByRole("region", { name: "My tickets" }),
    ).toBeVisible();
    expect(window.location.pathname).toBe("/");
  });

  it("shows a new token's secret once, with a copy button, and revokes a token", async () => {
    window.history.replaceState(null, "", "/tokens");
    const api = fakeApi();
    const token = {
      id: 4,
      name: "Nightly export",
      owner: { id: agent.id, name: agent.name, email: agent.email },
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    api.on("GET /api/tokens", () => json(200, [token]));
    api.on("POST /api/tokens", () =>
      json(201, {
        id: 5,
        name: "CI",
        token: "tdk_secret",
        created_at: token.created_at,
      }),
    );
    api.on("DELETE /api/tokens/:id", () => new Response(null, { status: 204 }));
    const user = userEvent.setup();
    renderApp();

    const form = await screen.findByRole("form", { name: "New token" });
    await user.type(within(form).getByLabelText("Token name"), "CI");
    await user.click(
      within(form).getByRole("button", { name: "Create token" }),
    );
    const secret = await within(form).findByRole("textbox", {
      name: "Secret of “CI”",
    });
    expect(secret).toHaveValue("tdk_secret");
    expect(secret).toHaveAccessibleDescription(/can never be shown again/);
    await user.click(within(form).getByRole("button", { name: "Copy" }));
    // user-event puts a clipboard of its own in place for each test.
    expect(await navigator.clipboard.readText()).toBe("tdk_secret");
    expect(
      await within(form).findByText("Copied to the clipboard."),
    ).toBeVisible();

    const row = screen.getByRole("row", { name: /Nightly export/ });
    expect(row).toHaveTextContent("Never");
    await user.click(
      within(row).getByRole("button", { name: "Revoke Nightly export" }),
    );
    expect(api.calls("DELETE /api/tokens/4")).toHaveLength(1);
  });
});
