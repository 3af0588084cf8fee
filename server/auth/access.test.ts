/**
 * The access matrix of DESIGN.md, walked over the endpoint table: every endpoint × every kind of
 * caller gets the status the access rules promise, and every success reply parses with the
 * endpoint's response schema into itself (the compiled serializer neither drops nor adds a field). An endpoint added to contract/endpoints.ts
 * without a sample here fails the typecheck.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  endpoints,
  type Endpoint,
  type Endpoints,
} from "../../contract/endpoints.js";
import {
  DB_KINDS,
  PASSWORD,
  useTestApp,
  validTicket,
  type TestApp,
} from "../test/helpers.js";
import { credentialsRepo } from "./credentials-repo.js";
import { hashSecret, newSecret } from "./secrets.js";

type Caller = {
  /** What the caller may do: its role, or none when it must be treated as nobody. */
  role: "requester" | "agent" | "admin" | null;
  headers: Record<string, string>;
  /** The requester who does not own the sample ticket. */
  stranger?: boolean;
  foreignOrigin?: boolean;
};
type Sample = {
  url: string;
  payload?: () => object;
  /** The status an allowed caller gets. */
  ok: number;
};

let unique = 0;
const next = () => ++unique;

describe.each(DB_KINDS)("access matrix on %s", (kind) => {
  const ctx = useTestApp(kind);
  const callers: Record<string, Caller> = {};
  let ticketId: number;
  let attachmentId: number | undefined;
  let samples: Record<keyof Endpoints, (caller: Caller) => Promise<Sample>>;

  const cookieOf = async (email: string) => {
    const response = await ctx.as(null)({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: PASSWORD },
    });
    return `td_session=${response.cookies.find((c) => c.name === "td_session")!.value}`;
  };

  beforeAll(async () => {
    const { people, database } = ctx;
    const credentials = credentialsRepo(database.db);
    const ticket = await ctx.as("requester")({
      method: "POST",
      url: "/api/tickets",
      payload: validTicket,
    });
    ticketId = ticket.json().id;

    const revoked = await credentials.createToken(
      people.agent.user.id,
      "revoked",
    );
    await credentials.revokeToken(revoked.id);
    const disabled = (
      await ctx.as("admin")({
        method: "POST",
        url: "/api/users",
        payload: {
          email: "gone@example.test",
          name: "Gone",
          role: "agent",
          password: PASSWORD,
        },
      })
    ).json().user;
    const disabledCookie = await cookieOf("gone@example.test");
    const disabledToken = await credentials.createToken(
      disabled.id,
      "left behind",
    );
    await ctx.as("admin")({
      method: "PATCH",
      url: `/api/users/${disabled.id}`,
      payload: { disabled: true },
    });
    const expired = newSecret();
    await database.db.execute(
      sql`INSERT INTO sessions (user_id, secret_hash, created_at, expires_at)
          VALUES (${people.agent.user.id}, ${hashSecret(expired)}, now() - interval '2 hours', now() - interval '1 hour')`,
    );

    Object.assign(callers, {
      anonymous: { role: null, headers: {} },
      requester: {
        role: "requester",
        headers: { cookie: await cookieOf(people.requester.user.email) },
      },
      "another requester": {
        role: "requester",
        stranger: true,
        headers: { cookie: await cookieOf(people.other.user.email) },
      },
      agent: {
        role: "agent",
        headers: { cookie: await cookieOf(people.agent.user.email) },
      },
      admin: {
        role: "admin",
        headers: { cookie: await cookieOf(people.admin.user.email) },
      },
      "bearer token": {
        role: "agent",
        headers: { authorization: `Bearer ${people.agent.token}` },
      },
      "revoked token": {
        role: null,
        headers: { authorization: `Bearer ${revoked.token}` },
      },
      "disabled person (token)": {
        role: null,
        headers: { authorization: `Bearer ${disabledToken.token}` },
      },
      "disabled person (cookie)": {
        role: null,
        headers: { cookie: disabledCookie },
      },
      "expired session": {
        role: null,
        headers: { cookie: `td_session=${expired}` },
      },
      "cookie with a foreign Origin": {
        role: "admin",
        foreignOrigin: true,
        headers: {
          cookie: await cookieOf(people.admin.user.email),
          origin: "https://evil.example",
        },
      },
    } satisfies Record<string, Caller>);

    const ownerOf = (caller: Caller) =>
      caller.stranger
        ? people.other
        : caller.role === "admin"
          ? people.admin
          : caller.role === "requester"
            ? people.requester
            : people.agent;
    samples = {
      health: async () => ({ url: "/api/health", ok: 200 }),
      login: async () => ({
        url: "/api/auth/login",
        payload: () => ({ email: people.agent.user.email, password: PASSWORD }),
        ok: 200,
      }),
      logout: async () => ({ url: "/api/auth/logout", ok: 204 }),
      me: async () => ({ url: "/api/auth/me", ok: 200 }),
      signup: async () => ({
        url: "/api/auth/signup",
        payload: () => ({
          email: `new${next()}@example.test`,
          name: "New",
          password: PASSWORD,
        }),
        ok: 201,
      }),
      setupStatus: async () => ({ url: "/api/auth/setup", ok: 200 }),
      setup: async () => ({
        url: "/api/auth/setup",
        payload: () => ({
          token: "x",
          email: "first@example.test",
          name: "First",
          password: PASSWORD,
        }),
        ok: 409, // the desk has its admin already
      }),
      acceptInvite: async () => ({
        url: "/api/auth/invite",
        payload: () => ({ token: "not-a-real-invitation", password: PASSWORD }),
        ok: 403,
      }),
      listUsers: async () => ({ url: "/api/users", ok: 200 }),
      createUser: async () => ({
        url: "/api/users",
        payload: () => ({
          email: `p${next()}@example.test`,
          name: "Person",
          role: "agent",
        }),
        ok: 201,
      }),
      updateUser: async () => ({
        url: `/api/users/${people.other.user.id}`,
        payload: () => ({ name: "Oscar Other" }),
        ok: 200,
      }),
      listTokens: async () => ({ url: "/api/tokens", ok: 200 }),
      createToken: async () => ({
        url: "/api/tokens",
        payload: () => ({ name: "script" }),
        ok: 201,
      }),
      revokeToken: async (caller) => {
        const { id } = await credentials.createToken(
          ownerOf(caller).user.id,
          "to revoke",
        );
        return { url: `/api/tokens/${id}`, ok: 204 };
      },
      createTicket: async () => ({
        url: "/api/tickets",
        payload: () => validTicket,
        ok: 201,
      }),
      listTickets: async () => ({ url: "/api/tickets", ok: 200 }),
      ticketStats: async () => ({ url: "/api/tickets/stats", ok: 200 }),
      classify: async () => ({
        url: "/api/tickets/classify",
        payload: () => ({ description: "x" }),
        ok: 503,
      }),
      getTicket: async () => ({ url: `/api/tickets/${ticketId}`, ok: 200 }),
      updateTicket: async () => ({
        url: `/api/tickets/${ticketId}`,
        payload: () => ({ status: "open" }),
        ok: 200,
      }),
      ticketEvents: async () => ({
        url: `/api/tickets/${ticketId}/events`,
        ok: 200,
      }),
      triageQuality: async () => ({ url: "/api/triage/quality", ok: 200 }),
      listMessages: async () => ({
        url: `/api/tickets/${ticketId}/messages`,
        ok: 200,
      }),
      liveEvents: async () => ({ url: "/api/events", ok: 200 }),
      ticketMail: async () => ({
        url: `/api/tickets/${ticketId}/mail`,
        ok: 200,
      }),
      attachment: async () => {
        attachmentId ??= await database.session(async (s) => {
          const [mail] = await s.query<{ id: number }>(
            `INSERT INTO inbound_emails (source, raw, dedupe_key, status, processed_at, ticket_id)
             VALUES ('endpoint', 'x', '<access@test>', 'processed', now(), $1) RETURNING id`,
            [ticketId],
          );
          const [file] = await s.query<{ id: number }>(
            `INSERT INTO email_attachments (inbound_email_id, ticket_id, filename, content_type, size, content)
             VALUES ($1, $2, 'a.txt', 'text/plain', 1, 'a') RETURNING id`,
            [mail!.id, ticketId],
          );
          return file!.id;
        });
        return {
          url: `/api/tickets/${ticketId}/attachments/${attachmentId}`,
          ok: 200,
        };
      },
      inboundEmail: async () => ({
        url: "/api/inbound/email",
        payload: () => ({}),
        ok: 404, // no INBOUND_TOKEN here: the endpoint is off
      }),
      mailSettings: async () => ({ url: "/api/mail/settings", ok: 200 }),
      testMail: async () => ({
        url: "/api/mail/test",
        payload: () => ({}),
        ok: 409, // no SMTP server is configured here
      }),
      outbox: async () => ({ url: "/api/mail/outbox", ok: 200 }),
      retryMail: async () => {
        const [row] = await database.session((s) =>
          s.query<{ id: number }>(
            `INSERT INTO outbound_emails (ticket_id, kind, recipient_id, status, attempts, last_error)
             VALUES ($1, 'resolved', $2, 'failed', 8, '550 no such user') RETURNING id`,
            [ticketId, people.requester.user.id],
          ),
        );
        return { url: `/api/mail/outbox/${row!.id}/retry`, ok: 200 };
      },
      postMessage: async () => ({
        url: `/api/tickets/${ticketId}/messages`,
        payload: () => ({ body: "Any news?" }),
        ok: 201,
      }),
    };
  });

  /** What the access table of DESIGN.md promises this caller. */
  function expected(
    endpoint: Endpoint,
    caller: Caller,
    sample: Sample,
  ): number {
    const writes = endpoint.method !== "GET";
    if (caller.foreignOrigin && writes) return 403;
    if (endpoint.access === "anyone") return sample.ok;
    if (caller.role === null) return 401;
    if (endpoint.access === "admin" && caller.role !== "admin") return 403;
    if (endpoint.access === "agent" && caller.role === "requester") return 403;
    if (caller.stranger && endpoint.path.startsWith("/api/tickets/:id"))
      return 404;
    return sample.ok;
  }

  // Last: signing out ends the callers' sessions.
  const names = [
    ...(Object.keys(endpoints) as (keyof Endpoints)[]).filter(
      (name) => name !== "logout",
    ),
    "logout" as const,
  ];
  const callerNames = [
    "anonymous",
    "requester",
    "another requester",
    "agent",
    "admin",
    "bearer token",
    "revoked token",
    "disabled person (token)",
    "disabled person (cookie)",
    "expired session",
    "cookie with a foreign Origin",
  ];

  it.each(names)(
    "%s answers every kind of caller as the access table says",
    async (name) => {
      const endpoint: Endpoint = endpoints[name];
      const seen: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const callerName of callerNames) {
        const caller = callers[callerName]!;
        const sample = await samples[name](caller);
        const response = await (ctx as TestApp).app.inject({
          method: endpoint.method,
          url: sample.url,
          headers: caller.headers,
          ...(sample.payload && { payload: sample.payload() }),
          // A stream never ends: only its status and headers are read.
          ...(endpoint.stream && { payloadAsStream: true }),
        });
        seen[callerName] = response.statusCode;
        wanted[callerName] = expected(endpoint, caller, sample);
        if (response.statusCode >= 400)
          expect(await bodyOf(response, endpoint)).toHaveProperty("error");
        else if (endpoint.stream) response.stream().destroy();
        if (response.statusCode === endpoint.status && endpoint.response) {
          const body = response.json();
          expect(endpoint.response.parse(body), callerName).toEqual(body);
        }
      }
      expect(seen).toEqual(wanted);
    },
  );

  it("a requester's list, search and stats hold only their own tickets", async () => {
    const ids = async (who: "requester" | "other", query: string) =>
      (await ctx.as(who)({ url: `/api/tickets?${query}` }))
        .json()
        .map((t: { id: number }) => t.id);
    expect(await ids("requester", "search=log")).toContain(ticketId);
    expect(await ids("other", "search=log")).not.toContain(ticketId);
    expect(await ids("other", `search=${ticketId}`)).not.toContain(ticketId);
    const mine = await ids("other", "limit=200");
    const stats = await ctx.as("other")({ url: "/api/tickets/stats" });
    expect(stats.json().total_tickets).toBe(mine.length);
    const all = await ctx.as("agent")({ url: "/api/tickets/stats" });
    expect(all.json().total_tickets).toBeGreaterThan(mine.length);
  });

  it("nobody but an admin revokes someone else's token: 404", async () => {
    const { id } = await credentialsRepo(ctx.database.db).createToken(
      ctx.people.requester.user.id,
      "mine",
    );
    expect(
      (await ctx.as("other")({ method: "DELETE", url: `/api/tokens/${id}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await ctx.as("agent")({ method: "DELETE", url: `/api/tokens/${id}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await ctx.as("admin")({ method: "DELETE", url: `/api/tokens/${id}` }))
        .statusCode,
    ).toBe(204);
  });
});

/** The JSON body of an answer, read from the stream for a streaming endpoint. */
async function bodyOf(
  response: Awaited<ReturnType<TestApp["app"]["inject"]>>,
  endpoint: Endpoint,
): Promise<unknown> {
  if (!endpoint.stream) return response.json();
  let text = "";
  for await (const chunk of response.stream()) text += String(chunk);
  return JSON.parse(text);
}
