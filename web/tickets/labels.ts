import type { Category, Priority, Status } from "../../contract/tickets.js";

export const categoryLabels: Record<Category, string> = {
  billing: "Billing",
  technical: "Technical",
  account: "Account",
  general: "General",
};

export const priorityLabels: Record<Priority, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

export const statusLabels: Record<Status, string> = {
  open: "Open",
  in_progress: "In progress",
  resolved: "Resolved",
  closed: "Closed",
};

/** The assignee filters the list offers; the API also takes a person's id. */
export const assigneeLabels = {
  me: "Assigned to me",
  none: "Unassigned",
};
