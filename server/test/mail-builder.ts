/** Raw RFC 5322 messages for the inbound tests, built by nodemailer's own composer. */
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer/index.js";

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
