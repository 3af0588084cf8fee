/** Raw RFC 5322 messages for the inbound tests, built by nodemailer's own composer. */
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer/index.js";
import { expect } from "vitest";
import type { useTestApp } from "./helpers.js";

let counter = 0;

export async function rawMail(options: Mail.Options): Promise<Buffer> {
  counter += 1;
  return new MailComposer({
    from: "Carla Customer <carla@customer.test>",
    to: "support@desk.test",
    subject: "Help",
    text: "Hello",
    messageId: `<m${counter}.${Date.now()}@customer.test>`,
    ...options,
  })
    .compile()
    .build();
}

export type InboundRow = {
  status: string;
  reason: string | null;
  ticket_id: number | null;
  message_id: number | null;
  opened_ticket: boolean;
};

/** Generous: the machine running the tests may be busy. */
export const MAIL_POLL = { timeout: 15_000, interval: 50 };

/** Posts a raw message to POST /api/inbound/email with `token`. */
export const postInbound = (
  ctx: ReturnType<typeof useTestApp>,
  token: string,
  raw: Buffer | string,
) =>
  ctx.as(null)({
    method: "POST",
    url: "/api/inbound/email",
    headers: {
      "content-type": "message/rfc822",
      authorization: `Bearer ${token}`,
    },
    payload: raw,
  });

/** Posts a raw message to POST /api/inbound/email with `token` and waits until it is processed. */
export async function deliverInbound(
  ctx: ReturnType<typeof useTestApp>,
  token: string,
  raw: Buffer | string,
): Promise<InboundRow> {
  const response = await postInbound(ctx, token, raw);
  expect(response.statusCode).toBe(200);
  const id = response.json().id;
  expect(id).not.toBeNull();
  let row: InboundRow | undefined;
  await expect
    .poll(async () => {
      [row] = await ctx.database.session((s) =>
        s.query<InboundRow>(
          "SELECT status, reason, ticket_id, message_id, opened_ticket FROM inbound_emails WHERE id = $1",
          [id],
        ),
      );
      return row!.status;
    }, MAIL_POLL)
    .not.toBe("pending");
  return row!;
}
