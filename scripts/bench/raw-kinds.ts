import { and, desc, eq, sql } from "drizzle-orm";
import type { TicketFilters } from "../../contract/tickets.js";
import type { Db } from "../../server/db/client.js";
import { ticketCounts, tickets } from "../../server/db/schema.js";
import type { Actor } from "../../server/http/route.js";
import {
  combinationWhere,
  counterStats,
  filterWhere,
  fromTickets,
} from "../../server/tickets/sql.js";
import { literalSql } from "./raw-sql.js";

/** The SQL the app sends for some request kinds, built by its own functions, for pgbench. */
export function rawKinds(db: Db, agentId: number, ticketCount: number) {
  const actor = {
    user: { id: agentId, role: "agent" },
    via: "token",
  } as unknown as Actor;
  const list = (filters: TicketFilters) => {
    const { where, values } = filterWhere(filters, actor);
    return literalSql(
      fromTickets(db)
        .where(where)
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(sql.raw("51") as unknown as number),
      values,
    );
  };
  const filtered: TicketFilters = {
    category: "billing",
    priority: "critical",
    status: "open",
  };
  const counted = combinationWhere(ticketCounts, filtered);
  return [
    { name: "list newest", sql: list({}), setup: "" },
    { name: "list category+priority+status", sql: list(filtered), setup: "" },
    {
      name: "stats",
      sql: literalSql(db.select(counterStats({})).from(ticketCounts), {}),
      setup: "",
    },
    {
      name: "stats category+priority+status",
      sql: literalSql(
        db
          .select(counterStats(filtered))
          .from(ticketCounts)
          .where(counted.where),
        counted.values,
      ),
      setup: "",
    },
    {
      name: "get by id",
      sql: literalSql(
        fromTickets(db).where(and(eq(tickets.id, sql.placeholder("id")))),
        { id: ":id" },
      ),
      // Ids run from 1 to about the count in a seeded database; a missing one is a cheap miss.
      setup: `\\set id random(1, ${ticketCount})\n`,
    },
  ];
}
