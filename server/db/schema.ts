import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";
import type { Role } from "../../contract/people.js";
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
  requesterId: bigint("requester_id", { mode: "number" }).references(
    () => users.id,
  ),
  assigneeId: bigint("assignee_id", { mode: "number" }).references(
    () => users.id,
  ),
  /** lower(title || ' ' || description), kept by PostgreSQL (migration 0016): what search reads. */
  searchText: text("search_text")
    .notNull()
    .generatedAlwaysAs(sql`lower(title || ' ' || description)`),
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

/** Mirrors migrations/0012: tickets per assignee (0: unassigned) and combination, kept by the same triggers. */
export const ticketAssigneeCounts = pgTable(
  "ticket_assignee_counts",
  {
    assignee: bigint("assignee", { mode: "number" }).notNull(),
    category: text("category").$type<Category>().notNull(),
    priority: text("priority").$type<Priority>().notNull(),
    status: text("status").$type<Status>().notNull(),
    tickets: bigint("tickets", { mode: "number" }).notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.assignee, table.category, table.priority, table.status],
    }),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });
const timestamptz = (name: string) =>
  timestamp(name, { withTimezone: true, mode: "date" });
const id = () =>
  bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const userRef = (name: string) =>
  bigint(name, { mode: "number" }).references(() => users.id);

/** Mirrors migrations/0005_people.sql. */
export const users = pgTable("users", {
  id: id(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  role: text("role").$type<Role>().notNull(),
  passwordHash: text("password_hash"),
  disabledAt: timestamptz("disabled_at"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});
export type UserRow = typeof users.$inferSelect;

export const sessions = pgTable("sessions", {
  id: id(),
  userId: userRef("user_id").notNull(),
  secretHash: bytea("secret_hash").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  expiresAt: timestamptz("expires_at").notNull(),
  lastSeenAt: timestamptz("last_seen_at").notNull().defaultNow(),
});

export const apiTokens = pgTable("api_tokens", {
  id: id(),
  userId: userRef("user_id").notNull(),
  name: text("name").notNull(),
  tokenHash: bytea("token_hash").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  lastUsedAt: timestamptz("last_used_at"),
  revokedAt: timestamptz("revoked_at"),
});

export const linkTokens = pgTable("link_tokens", {
  id: id(),
  purpose: text("purpose").$type<"setup" | "invite">().notNull(),
  userId: userRef("user_id"),
  tokenHash: bytea("token_hash").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  expiresAt: timestamptz("expires_at").notNull(),
  usedAt: timestamptz("used_at"),
});

export const loginFailures = pgTable("login_failures", {
  key: text("key").notNull(),
  at: timestamptz("at").notNull().defaultNow(),
});

export const ticketEvents = pgTable("ticket_events", {
  id: id(),
  ticketId: bigint("ticket_id", { mode: "number" })
    .notNull()
    .references(() => tickets.id),
  at: timestamptz("at").notNull().defaultNow(),
  actorKind: text("actor_kind").$type<"user" | "ai" | "system">().notNull(),
  actorId: userRef("actor_id"),
  actorName: text("actor_name"),
  kind: text("kind")
    .$type<"created" | "changed" | "assigned" | "message">()
    .notNull(),
  field: text("field"),
  fromValue: text("from_value"),
  toValue: text("to_value"),
  internal: boolean("internal").notNull().default(false),
  messageId: bigint("message_id", { mode: "number" }).references(
    () => messages.id,
  ),
});

/** Mirrors migrations/0007_messages.sql. */
export const messages = pgTable("messages", {
  id: id(),
  ticketId: bigint("ticket_id", { mode: "number" })
    .notNull()
    .references(() => tickets.id),
  authorId: userRef("author_id").notNull(),
  body: text("body").notNull(),
  internal: boolean("internal").notNull().default(false),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

/** Mirrors migrations/0006_triage_suggestions.sql. */
export const triageSuggestions = pgTable("triage_suggestions", {
  id: id(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  userId: userRef("user_id"),
  source: text("source").$type<"local" | "llm">().notNull(),
  category: text("category").$type<Category>().notNull(),
  priority: text("priority").$type<Priority>().notNull(),
  categoryConfidence: real("category_confidence").notNull(),
  priorityConfidence: real("priority_confidence").notNull(),
  ticketId: bigint("ticket_id", { mode: "number" }).references(
    () => tickets.id,
  ),
  createdCategory: text("created_category").$type<Category>(),
  createdPriority: text("created_priority").$type<Priority>(),
});

/** Mirrors migrations/0008_outbound_email.sql. */
export const mailSettings = pgTable("mail_settings", {
  singleton: boolean("singleton").primaryKey().default(true),
  outboundEnabled: boolean("outbound_enabled").notNull().default(false),
  signingKey: text("signing_key").notNull(),
});

export type OutboundKind =
  "reply" | "resolved" | "assigned" | "acknowledgement";
export type DeliveryStatus = "pending" | "sent" | "failed";

export const outboundEmails = pgTable("outbound_emails", {
  id: id(),
  ticketId: bigint("ticket_id", { mode: "number" })
    .notNull()
    .references(() => tickets.id),
  kind: text("kind").$type<OutboundKind>().notNull(),
  messageId: bigint("message_id", { mode: "number" }).references(
    () => messages.id,
  ),
  recipientId: userRef("recipient_id").notNull(),
  actorId: userRef("actor_id"),
  status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamptz("next_attempt_at").notNull().defaultNow(),
  lockedUntil: timestamptz("locked_until"),
  lastError: text("last_error"),
  headerMessageId: text("header_message_id"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  sentAt: timestamptz("sent_at"),
});

/** Mirrors migrations/0013_inbound_email.sql. */
export type InboundStatus = "pending" | "processed" | "ignored" | "failed";

export const inboundEmails = pgTable("inbound_emails", {
  id: id(),
  source: text("source").notNull(),
  raw: bytea("raw").notNull(),
  dedupeKey: text("dedupe_key").notNull(),
  receivedAt: timestamptz("received_at").notNull().defaultNow(),
  status: text("status").$type<InboundStatus>().notNull().default("pending"),
  reason: text("reason"),
  attempts: integer("attempts").notNull().default(0),
  lockedUntil: timestamptz("locked_until"),
  processedAt: timestamptz("processed_at"),
  ticketId: bigint("ticket_id", { mode: "number" }).references(
    () => tickets.id,
  ),
  messageId: bigint("message_id", { mode: "number" }).references(
    () => messages.id,
  ),
  openedTicket: boolean("opened_ticket").notNull().default(false),
  sender: text("sender"),
  subject: text("subject"),
  quotedText: text("quoted_text"),
  safeHtml: text("safe_html"),
});

export const imapCursors = pgTable("imap_cursors", {
  mailbox: text("mailbox").primaryKey(),
  uidValidity: bigint("uid_validity", { mode: "number" }).notNull(),
  lastUid: bigint("last_uid", { mode: "number" }).notNull().default(0),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export const emailAttachments = pgTable("email_attachments", {
  id: id(),
  inboundEmailId: bigint("inbound_email_id", { mode: "number" })
    .notNull()
    .references(() => inboundEmails.id),
  ticketId: bigint("ticket_id", { mode: "number" }).references(
    () => tickets.id,
  ),
  messageId: bigint("message_id", { mode: "number" }).references(
    () => messages.id,
  ),
  filename: text("filename").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  content: bytea("content"),
});
