import { and, eq } from "drizzle-orm";
import type { TicketMail } from "../../contract/mail.js";
import type { Db } from "../db/client.js";
import { tickets } from "../db/schema.js";
import type { Actor } from "../http/route.js";
import { visibleTo } from "../tickets/sql.js";
import { toDelivery } from "./deliveries.js";
import type { OutboxRepo } from "./outbox-repo.js";

export function ticketMailRepo(db: Db, outbox: OutboxRepo) {
  return {
    /** Undefined when the ticket is not there for `actor`; a requester sees only mail to them, without errors. */
    async get(ticketId: number, actor: Actor): Promise<TicketMail | undefined> {
      const [ticket] = await db
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(eq(tickets.id, ticketId), visibleTo(actor)));
      if (!ticket) return undefined;
      const requester = actor.user.role === "requester";
      const deliveries = (await outbox.byTicket(ticketId))
        .filter((row) => !requester || row.recipient.id === actor.user.id)
        .map(toDelivery)
        .map((delivery) =>
          requester ? { ...delivery, error: null } : delivery,
        );
      return { inbound: [], deliveries };
    },
  };
}

export type TicketMailRepo = ReturnType<typeof ticketMailRepo>;
