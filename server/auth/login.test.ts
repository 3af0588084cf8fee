import { describe, expect, it } from "vitest";
import { DB_KINDS, PASSWORD, useTestApp } from "../test/helpers.js";

const login = (email: string, password: string) => ({
  method: "POST" as const,
  url: "/api/auth/login",
  payload: { email, password },
});

describe.each(DB_KINDS)("signing in on %s", (kind) => {
  const ctx = useTestApp(kind, {
    config: {
      loginThrottle: { windowMs: 1500, perAccount: 3, perAddress: 100 },
    },
  });
  const anonymous = (options: Parameters<typeof ctx.inject>[0]) =>
    ctx.as(null)(options);
  const sessionOf = (response: Awaited<ReturnType<typeof ctx.inject>>) =>
    response.cookies.find((cookie) => cookie.name === "td_session");

  it("signs in with any case of the email, with an HttpOnly, SameSite=Lax session cookie", async () => {
    const response = await anonymous(login("AGENT@Example.TEST", PASSWORD));
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      email: "agent@example.test",
      role: "agent",
      disabled: false,
    });
    const cookie = sessionOf(response)!;
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
    });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.maxAge).toBe(24 * 3600);
    const me = await anonymous({
      url: "/api/auth/me",
      headers: { cookie: `td_session=${cookie.value}` },
    });
    expect(me.json().user.email).toBe("agent@example.test");
  });

  it("gives a wrong password and an unknown email the same 401 body", async () => {
    const wrong = await anonymous(
      login("admin@example.test", "not the password"),
    );
    const unknown = await anonymous(
      login("nobody@example.test", "not the password"),
    );
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(sessionOf(wrong)).toBeUndefined();
  });

  it("throttles an account after repeated failures with 429 and Retry-After, then recovers", async () => {
    const email = "rita@example.test";
    for (let i = 0; i < 3; i++)
      expect(
        (await anonymous(login(email, "wrong password!"))).statusCode,
      ).toBe(401);
    const throttled = await anonymous(login(email, PASSWORD));
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers["retry-after"]).toBeDefined();
    expect(throttled.json().error).toMatch(/too many/i);
    // another account from the same address is not affected
    expect(
      (await anonymous(login("oscar@example.test", PASSWORD))).statusCode,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await anonymous(login(email, PASSWORD))).statusCode).toBe(200);
  });

  it("gives a new session secret at every sign-in", async () => {
    const first = sessionOf(
      await anonymous(login("admin@example.test", PASSWORD)),
    )!.value;
    const second = sessionOf(
      await anonymous(login("admin@example.test", PASSWORD)),
    )!.value;
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[\w-]{43}$/);
  });

  it("signs out: the session is gone on the server and the cookie is cleared", async () => {
    const secret = sessionOf(
      await anonymous(login("admin@example.test", PASSWORD)),
    )!.value;
    const cookie = `td_session=${secret}`;
    const out = await anonymous({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    expect(sessionOf(out)).toMatchObject({ value: "" });
    // replaying the old cookie does not work
    expect(
      (await anonymous({ url: "/api/auth/me", headers: { cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it("locks a disabled person out at once, sessions and tokens alike", async () => {
    const created = await ctx.as("admin")({
      method: "POST",
      url: "/api/users",
      payload: {
        email: "leaving@example.test",
        name: "Leaving",
        role: "agent",
        password: PASSWORD,
      },
    });
    const id = created.json().user.id;
    const cookie = `td_session=${sessionOf(await anonymous(login("leaving@example.test", PASSWORD)))!.value}`;
    const token = (
      await anonymous({
        method: "POST",
        url: "/api/tokens",
        headers: { cookie },
        payload: { name: "t" },
      })
    ).json().token as string;
    expect(token).toMatch(/^tdk_/);
    await ctx.as("admin")({
      method: "PATCH",
      url: `/api/users/${id}`,
      payload: { disabled: true },
    });
    expect(
      (await anonymous({ url: "/api/tickets", headers: { cookie } }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await anonymous({
          url: "/api/tickets",
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await anonymous(login("leaving@example.test", PASSWORD))).statusCode,
    ).toBe(401);
    // enabled again: the token works again, the old session stays gone
    await ctx.as("admin")({
      method: "PATCH",
      url: `/api/users/${id}`,
      payload: { disabled: false },
    });
    expect(
      (
        await anonymous({
          url: "/api/tickets",
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await anonymous({ url: "/api/tickets", headers: { cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it("keeps no password, session secret or token in clear in the database", async () => {
    const secret = sessionOf(
      await anonymous(login("agent@example.test", PASSWORD)),
    )!.value;
    const { token } = (
      await ctx.inject({
        method: "POST",
        url: "/api/tokens",
        payload: { name: "x" },
      })
    ).json();
    const dump = JSON.stringify(
      await ctx.database.session((session) =>
        session.query(
          `SELECT (SELECT json_agg(u) FROM users u) AS users, (SELECT json_agg(s) FROM sessions s) AS sessions,
                  (SELECT json_agg(t) FROM api_tokens t) AS tokens, (SELECT json_agg(l) FROM link_tokens l) AS links`,
        ),
      ),
    );
    for (const clear of [PASSWORD, secret, token, ctx.people.agent.token])
      expect(dump).not.toContain(clear);
    const [hash] = await ctx.database.session((session) =>
      session.query<{ password_hash: string }>(
        "SELECT password_hash FROM users WHERE email = 'agent@example.test'",
      ),
    );
    expect(hash!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("a token's last use is kept, and its secret is never listed", async () => {
    const list = (await ctx.inject({ url: "/api/tokens" })).json();
    const used = list.find((token: { name: string }) => token.name === "tests");
    expect(used.last_used_at).not.toBeNull();
    expect(
      list.find((token: { name: string }) => token.name === "x").last_used_at,
    ).toBeNull();
    expect(JSON.stringify(list)).not.toContain(ctx.people.agent.token);
  });

  it("sign-up makes a requester and signs them in; 409 when the email is taken", async () => {
    const payload = {
      email: "New.Person@example.test",
      name: "New Person",
      password: "long enough pw",
    };
    const response = await anonymous({
      method: "POST",
      url: "/api/auth/signup",
      payload,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({
      email: "new.person@example.test",
      role: "requester",
    });
    expect(sessionOf(response)).toBeDefined();
    const again = await anonymous({
      method: "POST",
      url: "/api/auth/signup",
      payload: { ...payload, email: "NEW.person@example.test" },
    });
    expect(again.statusCode).toBe(409);
    const short = await anonymous({
      method: "POST",
      url: "/api/auth/signup",
      payload: { ...payload, password: "short" },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields.password).toBeDefined();
  });

  it("an invited person sets a password with their link, once", async () => {
    const invited = await ctx.as("admin")({
      method: "POST",
      url: "/api/users",
      payload: {
        email: "invited@example.test",
        name: "Invited",
        role: "agent",
      },
    });
    const url = new URL(invited.json().invite_url);
    const token = url.searchParams.get("token")!;
    expect(url.pathname).toBe("/invite");
    const accept = {
      method: "POST" as const,
      url: "/api/auth/invite",
      payload: { token, password: "my new password" },
    };
    const accepted = await anonymous(accept);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user.role).toBe("agent");
    expect((await anonymous(accept)).statusCode).toBe(403);
    expect(
      (await anonymous(login("invited@example.test", "my new password")))
        .statusCode,
    ).toBe(200);
  });
});

describe("sign-up when SIGNUP is closed", () => {
  const ctx = useTestApp("pglite", { config: { signup: "closed" } });
  it("answers 403 and creates nobody", async () => {
    const response = await ctx.as(null)({
      method: "POST",
      url: "/api/auth/signup",
      payload: {
        email: "x@example.test",
        name: "X",
        password: "long enough pw",
      },
    });
    expect(response.statusCode).toBe(403);
    expect((await ctx.as(null)({ url: "/api/auth/setup" })).json()).toEqual({
      needed: false,
      signup: "closed",
    });
  });
});

describe("cookies over https", () => {
  const ctx = useTestApp("pglite", {
    config: { publicUrl: "https://desk.example.com" },
  });
  it("are Secure when PUBLIC_URL is https, and that origin may write", async () => {
    const response = await ctx.as(null)({
      ...login("agent@example.test", PASSWORD),
      headers: { origin: "https://desk.example.com" },
    });
    expect(response.statusCode).toBe(200);
    expect(
      response.cookies.find((cookie) => cookie.name === "td_session")!.secure,
    ).toBe(true);
  });
});
