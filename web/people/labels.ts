import type { Role } from "../../contract/people.js";

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  agent: "Agent",
  requester: "Requester",
};
