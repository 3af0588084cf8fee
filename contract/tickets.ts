import { z } from "zod";
import { text, visibleText } from "./text.js";
import { Email, Name, Person } from "./people.js";

export const CATEGORIES = [
  "billing",
  "technical",
  "account",
  "general",
] as const;
export const PRIORITIES = ["low", "medium", "high", "critical"] as const;
export const STATUSES = ["open", "in_progress", "resolved", "closed"] as const;

export const Category = z.enum(CATEGORIES);
export const Priority = z.enum(PRIORITIES);
export const Status = z.enum(STATUSES);
export type Category = z.infer<typeof Category>;
export type Priority = z.infer<typeof Priority>;
export type Status = z.infer<typeof Status>;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 100_000;

const title = visibleText("Title", TITLE_MAX);
const description = visibleText("Description", DESCRIPTION_MAX);

export const Ticket = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  category: Category,
  priority: Priority,
  status: Status,
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
  requester: Person.nullable(),
  assignee: Person.nullable(),
});
export type Ticket = z.infer<typeof Ticket>;
export const TicketList = z.array(Ticket);

export const CreateTicket = z.strictObject({
  title,
  description,
  category: Category,
  priority: Priority,
  status: Status.optional(),
  /** Agents only: file the ticket for this person (created as a requester if new). */
  requester_email: Email.optional(),
  requester_name: Name.optional(),
  /** The classify answer's id, when the form showed a suggestion (triage quality). */
  suggestion_id: z
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional(),
});
export type CreateTicket = z.input<typeof CreateTicket>;

export const UpdateTicket = z
  .strictObject({
    title: title.optional(),
    description: description.optional(),
    category: Category.optional(),
    priority: Priority.optional(),
    status: Status.optional(),
    assignee_id: z.number().int().positive().nullable().optional(),
  })
  .refine(
    (patch) => Object.keys(patch).length > 0,
    "Give at least one field to change",
  );
export type UpdateTicket = z.input<typeof UpdateTicket>;

export const TicketId = z.object({
  id: z.coerce
    .number({ error: "Ticket id must be a number" })
    .int("Ticket id must be a whole number")
    .positive("Ticket id must be positive")
    .max(Number.MAX_SAFE_INTEGER, "Ticket id is too large"),
});

/** An empty value (`?category=`) means "no filter". */
const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    schema.optional(),
  );

/** `me`, `none`, or a person's id. */
export const AssigneeFilter = z
  .string()
  .regex(
    /^(me|none|[1-9]\d{0,15})$/,
    "Assignee must be me, none or a person's id",
  );

export const TicketFilters = z.object({
  category: optionalFilter(Category),
  assignee: optionalFilter(AssigneeFilter),
  priority: optionalFilter(Priority),
  status: optionalFilter(Status),
  search: optionalFilter(
    text().max(200, "Search must be at most 200 characters"),
  ),
});
export type TicketFilters = z.infer<typeof TicketFilters>;

export const LIMIT_DEFAULT = 50;
export const LIMIT_MAX = 200;

/** The list's orders: newest or oldest first, most urgent first (then newest), latest activity first. */
export const SORTS = ["newest", "oldest", "priority", "activity"] as const;
export const Sort = z.enum(SORTS);
export type Sort = z.infer<typeof Sort>;

/**
 * Response header of a search page that stopped after examining this many tickets, in the sort's order,
 * without reaching the oldest: the page holds the matches among them (maybe none), and its Link
 * continues after the last ticket examined. Absent when the page is complete.
 */
export const SEARCH_SCANNED_HEADER = "search-scanned";

export const ListQuery = TicketFilters.extend({
  sort: optionalFilter(Sort),
  limit: optionalFilter(
    z.coerce
      .number({ error: "Limit must be a number" })
      .int("Limit must be a whole number")
      .min(1, "Limit must be at least 1")
      .max(LIMIT_MAX, `Limit must be at most ${LIMIT_MAX}`),
  ),
  cursor: optionalFilter(z.string().max(100)),
});
export type ListQuery = z.infer<typeof ListQuery>;

const breakdown = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(
    Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<
      T[number],
      z.ZodNumber
    >,
  );

export const Stats = z.object({
  total_tickets: z.number().int(),
  open_tickets: z.number().int(),
  avg_tickets_per_day: z.number(),
  priority_breakdown: breakdown(PRIORITIES),
  category_breakdown: breakdown(CATEGORIES),
  status_breakdown: breakdown(STATUSES),
  /**
   * Set for a search when it counted only the matches among the first `scanned` tickets under the
   * other filters, newest first (as a search page does); absent when the numbers are complete.
   */
  scanned: z.number().int().optional(),
});
export type Stats = z.infer<typeof Stats>;
