import type { Message } from "../contract/messages.js";
import type { Ticket } from "../contract/tickets.js";
import type { Credentials } from "./page-helpers.js";
import { asAdmin, createTicket } from "./test-data.js";

type Desk = { url: string; adminToken: string };

export const AGENT_TWO: Credentials = {
  email: "bo@example.test",
  password: "bo's long password",
};
export const RITA: Credentials = {
  email: "rita@example.test",
  password: "rita's long password",
};

/** A person with a password, through the admin's API. */
export async function addPerson(
  desk: Desk,
  who: Credentials,
  name: string,
  role: "agent" | "requester",
) {
  return asAdmin<{ user: { id: number } }>(desk, "POST", "/api/users", {
    ...who,
    name,
    role,
  });
}

/** A message on a ticket as the admin (an agent). */
export const adminMessage = (
  desk: Desk,
  ticketId: number,
  body: string,
  internal = false,
) =>
  asAdmin<Message>(desk, "POST", `/api/tickets/${ticketId}/messages`, {
    body,
    internal,
  });

/**
 * Rita's ticket with a conversation worth looking at: the description, a public reply with a link
 * and line breaks, an internal note, and her answer (posted through her own session).
 */
export async function ritasConversation(desk: Desk): Promise<Ticket> {
  const ticket = await createTicket(desk, {
    title: "Refund for the double charge in March",
    description:
      "My card was charged twice for invoice INV-2291 on 3 March.\nCould you refund one of the payments?",
    category: "billing",
    priority: "high",
    requester_email: RITA.email,
  });
  await adminMessage(
    desk,
    ticket.id,
    "Sorry about that! I have asked finance to refund the second payment.\n\nYou can follow it on https://status.example.test/refunds/2291.",
  );
  await adminMessage(
    desk,
    ticket.id,
    "Finance says the refund goes out Friday. Double charge came from the retry bug (see #12).",
    true,
  );
  const login = await fetch(`${desk.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(RITA),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const reply = await fetch(`${desk.url}/api/tickets/${ticket.id}/messages`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie,
      origin: desk.url,
    },
    body: JSON.stringify({ body: "Thank you, that was quick." }),
  });
  if (reply.status !== 201) throw new Error(`Rita's reply: ${reply.status}`);
  return ticket;
}
