import { screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { agent, fakeApi, json } from "../test/fake-api.js";
import { renderApp } from "../test/render.js";

const admin = {
  ...agent,
  id: 1,
  role: "admin" as const,
  email: "ada@example.test",
};
const at = new Date().toISOString();

describe("the mail page", () => {
  it("shows the settings read-only, sends a test mail and retries a failed one", async () => {
    window.history.replaceState(null, "", "/mail");
    const api = fakeApi({ me: admin });
    api.on("GET /api/mail/settings", () =>
      json(200, {
        outbound: {
          enabled: true,
          smtp: "smtp://mail.example.test:587",
          from: "Support <support@example.test>",
          reply_to_example: "support+t123-0123456789abcdef@example.test",
        },
        inbound: {
          imap: ["support@imap.example.test:993/INBOX"],
          endpoint: false,
          senders: "anyone",
          attachment_max_bytes: 10485760,
        },
        public_url: "https://desk.example.test",
      }),
    );
    api.on("POST /api/mail/test", () =>
      json(200, { to: admin.email, message_id: "<td.test.1@example.test>" }),
    );
    api.on("GET /api/mail/outbox", () =>
      json(200, [
        {
          id: 9,
          ticket_id: 4,
          kind: "reply",
          message_id: 2,
          to: { id: 3, name: "Rita", email: "rita@gone.test" },
          status: "failed",
          attempts: 8,
          created_at: at,
          sent_at: null,
          next_attempt_at: null,
          error: "550 No such user here",
        },
      ]),
    );
    api.on("POST /api/mail/outbox/:id/retry", () => json(200, {}));
    renderApp();
    expect(
      await screen.findByText("smtp://mail.example.test:587"),
    ).toBeVisible();
    expect(screen.getByText("Support <support@example.test>")).toBeVisible();
    await userEvent.click(
      screen.getByRole("button", { name: "Send a test mail" }),
    );
    expect(
      await screen.findByText(`Sent to ${admin.email}. Check that mailbox.`),
    ).toBeVisible();
    const row = (await screen.findByText("550 No such user here")).closest(
      "tr",
    )!;
    await userEvent.click(
      within(row).getByRole("button", { name: /Try again/ }),
    );
    expect(api.calls("POST /api/mail/outbox/9/retry")).toHaveLength(1);
  });
});
