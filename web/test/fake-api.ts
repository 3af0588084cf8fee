import { vi } from "vitest";
import type { User } from "../../contract/people.js";
import type { Stats, Ticket } from "../../contract/tickets.js";
import type { TriageQuality } from "../../contract/triage.js";

export type FakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  signal?: AbortSignal;
};
type Handler = (request: FakeRequest) => Response | Promise<Response>;

export const json = (status: number, body: unknown, headers = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

export const emptyStats: Stats = {
  total_tickets: 0,
  open_tickets: 0,
  avg_tickets_per_day: 0,
  priority_breakdown: { low: 0, medium: 0, high: 0, critical: 0 },
  category_breakdown: { billing: 0, technical: 0, account: 0, general: 0 },
  status_breakdown: { open: 0, in_progress: 0, resolved: 0, closed: 0 },
};

const noSuggestions = (labels: string[]) => ({
  suggestions: 0,
  accepted: 0,
  accuracy: 0,
  macro_f1: 0,
  per_class: labels.map((label) => ({
    label,
    precision: 0,
    recall: 0,
    f1: 0,
    support: 0,
  })),
  confusion: labels.map(() => labels.map(() => 0)),
  at_threshold: { threshold: 0.55, coverage: 0, accuracy: 0 },
  calibration_error: 0,
});

export const emptyQuality: TriageQuality = {
  days: 30,
  threshold: 0.55,
  category: noSuggestions(["billing", "technical", "account", "general"]),
  priority: noSuggestions(["low", "medium", "high", "critical"]),
};

export const agent: User = {
  id: 2,
  email: "alan@example.test",
  name: "Alan Agent",
  role: "agent",
  disabled: false,
  created_at: new Date().toISOString(),
};
export const requester: User = {
  ...agent,
  id: 3,
  email: "rita@example.test",
  name: "Rita Requester",
  role: "requester",
};

let nextId = 1;
export function makeTicket(fields: Partial<Ticket> = {}): Ticket {
  const now = new Date().toISOString();
  return {
    id: nextId++,
    title: "Cannot log in",
    description: "The login page says my password is wrong.",
    category: "account",
    priority: "high",
    status: "open",
    created_at: now,
    updated_at: now,
    requester: null,
    assignee: null,
    ...fields,
  };
}

/**
 * The API as the browser's fetch sees it, scripted per test: each route answers through a handler,
 * and every request is recorded (with its abort signal) for the test to inspect. `me` is the
 * signed-in person (an agent unless the test says otherwise; null: nobody).
 */
export function fakeApi({ me = agent }: { me?: User | null } = {}) {
  const requests: FakeRequest[] = [];
  const routes = new Map<string, Handler>([
    [
      "GET /api/auth/me",
      () =>
        me ? json(200, { user: me }) : json(401, { error: "Sign in first" }),
    ],
    ["GET /api/auth/setup", () => json(200, { needed: false, signup: "open" })],
    ["GET /api/tickets", () => json(200, [])],
    ["GET /api/tickets/stats", () => json(200, emptyStats)],
    ["GET /api/tickets/:id/messages", () => json(200, [])],
    [
      "GET /api/tickets/:id/mail",
      () =>
        json(200, {
          inbound: [],
          automatic: [],
          attachments: [],
          deliveries: [],
        }),
    ],
    ["GET /api/triage/quality", () => json(200, emptyQuality)],
    [
      "GET /api/users",
      (r) => json(200, r.query.get("role") === "agent" ? [agent] : []),
    ],
    [
      "POST /api/tickets/classify",
      () => json(503, { error: "Classifier unavailable", detail: "off" }),
    ],
  ]);
  vi.stubGlobal("fetch", async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, "http://localhost");
    const request: FakeRequest = {
      method: init.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      signal: init.signal ?? undefined,
    };
    requests.push(request);
    const route = `${request.method} ${request.path.replace(/\/\d+(?=\/|$)/g, "/:id")}`;
    const handler = routes.get(route);
    if (!handler) throw new Error(`fake API: no route for ${route}`);
    return handler(request);
  });
  return {
    requests,
    /** e.g. `on("PATCH /api/tickets/:id", handler)` */
    on(route: string, handler: Handler) {
      routes.set(route, handler);
    },
    calls: (route: string) =>
      requests.filter((r) => `${r.method} ${r.path}` === route),
  };
}
