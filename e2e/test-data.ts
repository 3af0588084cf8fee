import type { CreateTicket, Ticket } from "../contract/tickets.js";

type Desk = { url: string; adminToken: string };

/** One API call as the desk's admin (bearer token), for test data; fails on anything but `expected`. */
export async function asAdmin<T>(
  desk: Desk,
  method: string,
  path: string,
  body: unknown,
  expected = 201,
): Promise<T> {
  const response = await fetch(`${desk.url}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${desk.adminToken}`,
    },
    body: JSON.stringify(body),
  });
  if (response.status !== expected)
    throw new Error(`${method} ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Creates a ticket through the API, for tests whose subject is not the form. */
export const createTicket = (desk: Desk, input: CreateTicket) =>
  asAdmin<Ticket>(desk, "POST", "/api/tickets", input);

let counter = 0;
/** A word no other test uses, so a test finds its own tickets whatever else the database holds. */
export const uniqueWord = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A varied handful of tickets, so that screens look like a desk in use. */
export async function seedTickets(desk: Desk) {
  const tickets: CreateTicket[] = [
    {
      title: "Charged twice for the March invoice",
      description:
        "My card statement shows two payments of 49 € on 3 March. Please refund one of them; the invoice number is INV-2291.",
      category: "billing",
      priority: "high",
      requester_email: "zoe@example.test",
      requester_name: "Zoë Martin",
    },
    {
      title: "Cannot sign in after changing my email address",
      description:
        "I changed my email address yesterday and since then the sign-in page says that my account does not exist. I tried the old address too, and resetting my password, but the reset email never arrives. This blocks our whole team because I am the only administrator on the account.",
      category: "account",
      priority: "critical",
      status: "in_progress",
      requester_email: "sam@example.test",
      requester_name: "Sam Okafor",
    },
    {
      title: "Export to CSV drops accented characters",
      description: "Names like “Zoë” come out as “Zo?” in the exported file.",
      category: "technical",
      priority: "medium",
      status: "resolved",
    },
    {
      title: "Do you offer a discount for non-profits?",
      description: "We are a small charity and would like to know.",
      category: "general",
      priority: "low",
      status: "closed",
    },
    {
      title: "Dashboard charts never finish loading",
      description:
        "The spinner keeps turning on the analytics page in Firefox.",
      category: "technical",
      priority: "high",
      requester_email: "zoe@example.test",
      requester_name: "Zoë Martin",
    },
  ];
  for (const ticket of tickets) await createTicket(desk, ticket);
}
