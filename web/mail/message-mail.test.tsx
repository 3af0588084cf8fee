import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Delivery } from "../../contract/mail.js";
import type { Message } from "../../contract/messages.js";
import { Conversation } from "../conversations/conversation.js";
import { fakeApi, json } from "../test/fake-api.js";
import { renderWithQuery } from "../test/render.js";
import { AutomaticMail } from "./automatic-mail.js";
import { MessageMail } from "./message-mail.js";

const at = new Date(Date.now() - 60_000).toISOString();
const message = (id: number, body: string): Message => ({
  id,
  ticket_id: 7,
  author: { id: 2, name: "Alan Agent", role: "agent" },
  body,
  internal: false,
  created_at: at,
});
const delivery = (fields: Partial<Delivery>): Delivery => ({
  id: 1,
  ticket_id: 7,
  kind: "reply",
  message_id: 1,
  to: { id: 3, name: "Rita", email: "rita@example.test" },
  status: "sent",
  attempts: 1,
  created_at: at,
  sent_at: at,
  next_attempt_at: null,
  error: null,
  ...fields,
});

describe("e-mail on the conversation", () => {
  it("says per message whether it came by e-mail and whether its mail was sent, is pending or failed", async () => {
    const api = fakeApi();
    api.on("GET /api/tickets/:id/messages", () =>
      json(200, [
        message(1, "Sent one"),
        message(2, "Waiting one"),
        message(3, "Broken one"),
        message(4, "Quiet note"),
      ]),
    );
    api.on("GET /api/tickets/:id/mail", () =>
      json(200, {
        inbound: [
          { message_id: null, from: "rita@example.test", received_at: at },
        ],
        automatic: [],
        attachments: [
          {
            id: 5,
            message_id: null,
            filename: "screen.png",
            content_type: "image/png",
            size: 2048,
            stored: true,
          },
          {
            id: 6,
            message_id: null,
            filename: "huge.zip",
            content_type: "application/zip",
            size: 30_000_000,
            stored: false,
          },
        ],
        deliveries: [
          delivery({ id: 1, message_id: 1 }),
          delivery({ id: 4, message_id: null, kind: "acknowledgement" }),
          delivery({
            id: 2,
            message_id: 2,
            status: "pending",
            sent_at: null,
            attempts: 2,
            next_attempt_at: at,
            error: "connect ECONNREFUSED",
          }),
          delivery({
            id: 3,
            message_id: 3,
            status: "failed",
            sent_at: null,
            error: "550 No such user here",
          }),
        ],
      }),
    );
    renderWithQuery(
      <Conversation
        ticketId={7}
        opening={{
          ...message(0, "It broke"),
          author: { id: 3, name: "Rita", role: "requester" },
        }}
        messageExtra={(m, opening) => (
          <MessageMail
            ticketId={7}
            messageId={opening ? null : m.id}
            createdAt={m.created_at}
          />
        )}
      />,
    );
    expect(await screen.findByText("By e-mail")).toBeVisible();
    expect(screen.getByRole("link", { name: /screen\.png/ })).toHaveAttribute(
      "href",
      "/api/tickets/7/attachments/5",
    );
    expect(
      screen.getByText(/huge\.zip \(28\.6 MB, too large: not kept\)/),
    ).toBeVisible();
    expect(screen.getByText("E-mail sent")).toBeVisible();
    expect(screen.getByText("E-mail pending")).toBeVisible();
    expect(screen.getByText("E-mail failed")).toHaveAttribute(
      "title",
      "to rita@example.test, gave up (550 No such user here)",
    );
    // The opening's mail is the customer's; notifications (message_id null) are not shown on it.
    expect(screen.getAllByText(/^E-mail /)).toHaveLength(3);
    expect(api.calls("GET /api/tickets/7/mail")).toHaveLength(1);
  });

  it("lists the automatic mail kept on a ticket, and nothing when there is none", async () => {
    const api = fakeApi();
    api.on("GET /api/tickets/:id/mail", () =>
      json(200, {
        inbound: [],
        automatic: [
          {
            id: 3,
            from: "rita@example.test",
            subject: "Out of office",
            reason: "automatic (Auto-Submitted: auto-replied)",
            received_at: at,
          },
        ],
        attachments: [],
        deliveries: [],
      }),
    );
    renderWithQuery(<AutomaticMail ticketId={7} />);
    expect(
      await screen.findByRole("heading", { name: "Automatic mail" }),
    ).toBeVisible();
    expect(screen.getByText("Out of office")).toBeVisible();
    expect(screen.getByText(/Auto-Submitted: auto-replied/)).toBeVisible();
  });
});
