import { screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Message } from "../../contract/messages.js";
import { fakeApi, json } from "../test/fake-api.js";
import { renderWithQuery } from "../test/render.js";
import { Conversation } from "./conversation.js";
import { linkPieces } from "./message-text.js";
import { ReplyBox } from "./reply-box.js";

const at = new Date().toISOString();
const message = (fields: Partial<Message>): Message => ({
  id: 1,
  ticket_id: 7,
  author: { id: 2, name: "Alan Agent", role: "agent" },
  body: "Hello",
  internal: false,
  created_at: at,
  ...fields,
});
const opening = message({
  id: 0,
  author: { id: 3, name: "Rita Requester", role: "requester" },
  body: "My invoice is wrong.\nSee https://example.test/invoices/12.",
});

function showConversation(messages: Message[]) {
  const api = fakeApi();
  api.on("GET /api/tickets/:id/messages", () => json(200, messages));
  renderWithQuery(<Conversation ticketId={7} opening={opening} />);
  return api;
}

const items = () =>
  within(screen.getByRole("list", { name: "Conversation" })).getAllByRole(
    "listitem",
  );

describe("the conversation", () => {
  it("opens with the description, then the messages oldest first", async () => {
    showConversation([
      message({ id: 1, body: "Looking into it." }),
      message({
        id: 2,
        author: { id: 3, name: "Rita Requester", role: "requester" },
        body: "Thanks!",
      }),
    ]);
    expect(await screen.findByText("Thanks!")).toBeVisible();
    expect(
      items().map((item) => item.querySelector("h3")?.textContent),
    ).toEqual([
      "Rita Requester, opened the ticket",
      "Alan Agent",
      "Rita Requester",
    ]);
  });

  it("makes addresses clickable and keeps line breaks", async () => {
    showConversation([]);
    const link = await screen.findByRole("link", {
      name: "https://example.test/invoices/12",
    });
    expect(link).toHaveAttribute("href", "https://example.test/invoices/12");
    expect(link).toHaveAttribute("rel", expect.stringContaining("noopener"));
    const body = link.closest(".message-body");
    expect(body?.textContent).toBe(
      "My invoice is wrong.\nSee https://example.test/invoices/12.",
    );
  });

  it("shows markup in a message as text and never runs it", async () => {
    const html =
      '<img src=x onerror="alert(1)"><b>bold</b> <a href="javascript:alert(2)">click</a> javascript:alert(3)';
    showConversation([message({ body: html })]);
    const body = (await screen.findByText(/onerror/)).closest(".message-body")!;
    expect(body.textContent).toBe(html);
    expect(body.querySelector("img, b")).toBeNull();
    expect(within(body as HTMLElement).queryAllByRole("link")).toEqual([]);
  });

  it("marks internal notes in words, for agents and screen readers alike", async () => {
    showConversation([
      message({ id: 1, body: "Customer is on the old plan.", internal: true }),
      message({ id: 2, body: "We are on it." }),
    ]);
    await screen.findByText("We are on it.");
    const [, note, reply] = items();
    expect(note).toHaveTextContent("Internal note · agents only");
    expect(within(note!).getByRole("article")).toHaveAccessibleName(
      "Alan Agent, internal note",
    );
    expect(within(note!).getByRole("article")).toHaveClass("message-note");
    expect(reply).not.toHaveTextContent("Internal note");
    expect(within(reply!).getByRole("article")).toHaveClass("message-reply");
  });

  it("says so when the conversation cannot be loaded", async () => {
    const api = fakeApi();
    api.on("GET /api/tickets/:id/messages", () =>
      json(500, { error: "Internal Server Error" }),
    );
    renderWithQuery(<Conversation ticketId={7} opening={opening} />);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Could not load the conversation",
    );
  });
});

describe("links in message text", () => {
  it.each([
    [
      "see www.example.test.",
      [["see "], ["https://www.example.test/", "www.example.test"], ["."]],
    ],
    [
      "(https://example.test/a_(b))!",
      [
        ["("],
        ["https://example.test/a_(b)", "https://example.test/a_(b)"],
        [")!"],
      ],
    ],
    [
      "write to help@example.test, please",
      [
        ["write to "],
        ["mailto:help@example.test", "help@example.test"],
        [", please"],
      ],
    ],
    [
      "javascript:alert(1) data:text/html,x",
      [["javascript:alert(1) data:text/html,x"]],
    ],
  ])("%s", (body, expected) => {
    expect(
      linkPieces(body).map((p) =>
        typeof p === "string" ? [p] : [p.href, p.text],
      ),
    ).toEqual(expected);
  });
});

describe("the reply box", () => {
  it("lets an agent add an internal note, marked as such, and empties itself once sent", async () => {
    const api = fakeApi();
    api.on("POST /api/tickets/:id/messages", (r) =>
      json(201, message({ id: 9, ...(r.body as object) })),
    );
    renderWithQuery(<ReplyBox ticketId={7} agent />);
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Internal note" }));
    const box = screen.getByRole("textbox", {
      name: "Internal note (agents only)",
    });
    await user.type(box, "Refund approved by finance");
    await user.click(screen.getByRole("button", { name: "Add internal note" }));
    expect(api.calls("POST /api/tickets/7/messages")[0]?.body).toEqual({
      body: "Refund approved by finance",
      internal: true,
    });
    await expect.poll(() => (box as HTMLTextAreaElement).value).toBe("");
  });

  it("offers a requester a public reply only, sent with Ctrl+Enter", async () => {
    const api = fakeApi();
    api.on("POST /api/tickets/:id/messages", () =>
      json(201, message({ id: 9 })),
    );
    renderWithQuery(<ReplyBox ticketId={7} agent={false} reopens />);
    expect(screen.queryByRole("radio")).toBeNull();
    expect(screen.getByText(/Replying opens this ticket again/)).toBeVisible();
    const user = userEvent.setup();
    await user.type(
      screen.getByRole("textbox", { name: "Your reply" }),
      "Still broken{Control>}{Enter}{/Control}",
    );
    await expect
      .poll(() => api.calls("POST /api/tickets/7/messages")[0]?.body)
      .toEqual({ body: "Still broken" });
  });

  it("keeps the text and names the problem when the server refuses it", async () => {
    const api = fakeApi();
    api.on("POST /api/tickets/:id/messages", () =>
      json(400, {
        error: "Invalid request body",
        fields: { body: ["Message must be at most 100000 characters"] },
      }),
    );
    renderWithQuery(<ReplyBox ticketId={7} agent />);
    const user = userEvent.setup();
    const box = screen.getByRole("textbox", { name: "Your reply" });
    await user.type(box, "Too long, say");
    await user.click(screen.getByRole("button", { name: "Send reply" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Message must be at most 100000 characters",
    );
    expect(box).toHaveValue("Too long, say");
    expect(box).toHaveAttribute("aria-invalid", "true");
  });
});
