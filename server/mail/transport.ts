import nodemailer from "nodemailer";

/** Bounded waits at every step, so that a stalled SMTP server fails a try instead of holding it. */
export function smtpTransport(smtpUrl: string) {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

export type MailTransport = Pick<
  ReturnType<typeof smtpTransport>,
  "sendMail" | "close"
>;
