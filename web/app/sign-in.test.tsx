import { screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { agent, fakeApi, json, makeTicket } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const here = () => window.location.pathname + window.location.search;

async function signInThroughForm(user: ReturnType<typeof userEvent.setup>) {
  const form = await screen.findByRole("form", { name: "Sign in" });
  await user.type(within(form).getByLabelText("Email"), "alan@example.test");
  await user.type(within(form).getByLabelText("Password"), "long password");
  await user.click(within(form).getByRole("button", { name: "Sign in" }));
}

describe("signing in", () => {
  it("sends a visitor without a session to sign-in, then to the page they asked for", async () => {
    window.history.replaceState(null, "", "/tickets/5");
    const api = fakeApi({ me: null });
    api.on("POST /api/auth/login", () => json(200, { user: agent }));
    api.on("GET /api/tickets/:id", () =>
      json(200, makeTicket({ id: 5, title: "Printer on fire" })),
    );
    api.on("GET /api/tickets/:id/events", () => json(200, []));
    const user = userEvent.setup();
    renderApp();

    await signInThroughForm(user);
    expect(api.calls("POST /api/auth/login")[0]?.body).toEqual({
      email: "alan@example.test",
      password: "long password",
    });
    expect(
      await screen.findByRole("heading", { level: 1, name: /Printer on fire/ }),
    ).toBeVisible();
    expect(here()).toBe("/tickets/5");
  });

  it("shows the server's refusal and stays on the form", async () => {
    const api = fakeApi({ me: null });
    api.on("POST /api/auth/login", () =>
      json(401, { error: "Wrong email or password" }),
    );
    const user = userEvent.setup();
    renderApp();
    await signInThroughForm(user);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Could not sign in: Wrong email or password",
    );
    expect(here()).toBe("/signin?redirect=%2F");
  });

  it("never follows a redirect to another site", async () => {
    window.history.replaceState(null, "", "/signin?redirect=//evil.test/x");
    const api = fakeApi({ me: null });
    api.on("POST /api/auth/login", () => json(200, { user: agent }));
    const user = userEvent.setup();
    renderApp();
    await signInThroughForm(user);
    await waitFor(() => expect(here()).toBe("/"));
  });

  it("sends a person whose session ended to sign-in, and back where they were", async () => {
    window.history.replaceState(null, "", "/?status=open");
    const api = fakeApi();
    let expired = false;
    api.on("GET /api/tickets", () =>
      expired ? json(401, { error: "Sign in to continue" }) : json(200, []),
    );
    api.on("POST /api/auth/login", () => {
      expired = false;
      return json(200, { user: agent });
    });
    const user = userEvent.setup();
    renderApp();
    const search = await screen.findByRole("search");

    expired = true;
    await user.selectOptions(
      within(search).getByRole("combobox", { name: "Priority" }),
      "high",
    );
    await signInThroughForm(user);
    await waitFor(() => expect(here()).toBe("/?status=open&priority=high"));
    expect(await screen.findByRole("search")).toBeVisible();
  });

  it("signs out from the person menu", async () => {
    const api = fakeApi();
    api.on("POST /api/auth/logout", () => new Response(null, { status: 204 }));
    const user = userEvent.setup();
    renderApp();
    await user.click(
      await screen.findByRole("button", { name: "Alan Agent (Agent)" }),
    );
    expect(screen.getByText("alan@example.test")).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("form", { name: "Sign in" })).toBeVisible();
    expect(here()).toBe("/signin");
  });
});
