import {
  bigint,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";
import type { Category, Priority, Status } from "../../contract/tickets.js";

/** Mirrors migrations/0001_tickets.sql; the SQL files are the source of truth for the database. */
export const tickets = pgTable("tickets", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  title: varchar("title", { length: 200 }).notNull(),
  description: text("description").notNull(),
  category: text("category").$type<Category>().notNull(),
  priority: text("priority").$type<Priority>().notNull(),
  status: text("status").$type<Status>().notNull().default("open"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow(),
});

export type TicketRow = typeof tickets.$inferSelect;

/** Mirrors migrations/0003_ticket_counts.sql: tickets per combination, kept exact by triggers on tickets. */
export const ticketCounts = pgTable(
  "ticket_counts",
  {
    category: text("category").$type<Category>().notNull(),
    priority: text("priority").$type<Priority>().notNull(),
    status: text("status").$type<Status>().notNull(),
    tickets: bigint("tickets", { mode: "number" }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.category, table.priority, table.status] }),
  ],
);
