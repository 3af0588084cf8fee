import type { FastifyInstance } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import type { MailSettings } from "../../contract/mail.js";
import { HttpError } from "../http/errors.js";
import { route } from "../http/route.js";
import { toDelivery } from "./deliveries.js";
import type { OutboxRepo } from "./outbox-repo.js";
import type { TicketMailRepo } from "./ticket-mail-repo.js";

type Deps = {
  outbox: OutboxRepo;
  ticketMail: TicketMailRepo;
  settings: MailSettings;
  /** Sends a test mail now; undefined when no SMTP server is configured. */
  sendTest?: (to: string) => Promise<{ message_id: string }>;
};

export function mailRoutes(app: FastifyInstance, deps: Deps): void {
  route(app, endpoints.ticketMail, async ({ params, actor }) => {
    const mail = await deps.ticketMail.get(params.id, actor);
    if (!mail) throw new HttpError(404, "Ticket not found");
    return mail;
  });

  route(app, endpoints.mailSettings, async () => deps.settings);

  route(app, endpoints.testMail, async ({ body, actor }) => {
    if (!deps.sendTest)
      throw new HttpError(
        409,
        "Mail is not configured",
        "Set SMTP_URL and MAIL_FROM, then restart the desk.",
      );
    const to = body.to ?? actor.user.email;
    try {
      return { to, ...(await deps.sendTest(to)) };
    } catch (error) {
      throw new HttpError(
        503,
        "The SMTP server did not take the mail",
        failureText(error),
      );
    }
  });

  route(app, endpoints.outbox, async ({ query }) =>
    (await deps.outbox.list(query.status, query.limit)).map(toDelivery),
  );

  route(app, endpoints.retryMail, async ({ params }) => {
    const row = await deps.outbox.retry(params.id);
    if (!row) throw new HttpError(404, "No failed mail with this id");
    return toDelivery(row);
  });
}

function failureText(error: unknown): string {
  const smtp = error as { response?: string; message?: string };
  return (smtp.response ?? smtp.message ?? String(error)).slice(0, 500);
}
