import type { Sort, Ticket } from "../../contract/tickets.js";

export const sortLabels: Record<Sort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  priority: "Most urgent first",
  activity: "Latest activity first",
};

const RANK = { critical: 3, high: 2, medium: 1, low: 0 } as const;

/**
 * Negative when `a` comes before `b` in the list's order, as the server sorts (ties by id), so
 * that a ticket a live update brings can be put in its place without asking for the list again.
 */
export function compareIn(sort: Sort = "newest") {
  const newest = (a: Ticket, b: Ticket) =>
    b.created_at.localeCompare(a.created_at) || b.id - a.id;
  switch (sort) {
    case "oldest":
      return (a: Ticket, b: Ticket) => -newest(a, b);
    case "priority":
      return (a: Ticket, b: Ticket) =>
        RANK[b.priority] - RANK[a.priority] || newest(a, b);
    case "activity":
      return (a: Ticket, b: Ticket) =>
        b.updated_at.localeCompare(a.updated_at) || b.id - a.id;
    default:
      return newest;
  }
}
