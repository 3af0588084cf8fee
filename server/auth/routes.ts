import type { FastifyInstance, FastifyReply } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import type { Role, User } from "../../contract/people.js";
import { HttpError } from "../http/errors.js";
import { route } from "../http/route.js";
import type { CredentialsRepo } from "./credentials-repo.js";
import {
  clearSessionCookie,
  SESSION_COOKIE,
  setSessionCookie,
} from "./plugin.js";
import { checkPassword, hashPassword } from "./secrets.js";
import { createThrottle, type ThrottleLimits } from "./throttle.js";
import { toUser, type UsersRepo } from "./users-repo.js";

export type AuthSettings = {
  signup: "open" | "closed";
  sessionTtlHours: number;
  /** Serve the cookie with Secure: set when the desk is reached over https. */
  secureCookies: boolean;
  throttle: ThrottleLimits;
};

const WRONG_CREDENTIALS = "Wrong email or password";

export function authRoutes(
  app: FastifyInstance,
  {
    users,
    credentials,
    settings,
  }: { users: UsersRepo; credentials: CredentialsRepo; settings: AuthSettings },
): void {
  const throttle = createThrottle(credentials, settings.throttle);

  /** A new session secret at every sign-in. */
  async function signIn(user: User, reply: FastifyReply) {
    await credentials.deleteExpiredSessions();
    const secret = await credentials.createSession(
      user.id,
      settings.sessionTtlHours,
    );
    setSessionCookie(
      reply,
      secret,
      settings.sessionTtlHours,
      settings.secureCookies,
    );
    return { user };
  }

  /** A new person who chose their own password (sign-up, first-run setup). */
  const createWithPassword = async (
    body: { email: string; name: string; password: string },
    role: Role,
  ) =>
    users.create({
      email: body.email,
      name: body.name,
      role,
      passwordHash: await hashPassword(body.password),
    });

  route(app, endpoints.login, async ({ body }, { request, reply }) => {
    const keys = [`email:${body.email}`, `ip:${request.ip}`];
    await throttle.check(keys, reply);
    const row = await users.byEmail(body.email);
    const valid = await checkPassword(row?.passwordHash ?? null, body.password);
    if (!row || !valid || row.disabledAt !== null) {
      await throttle.fail(keys);
      throw new HttpError(401, WRONG_CREDENTIALS);
    }
    await credentials.clearFailures(keys[0]!);
    return signIn(toUser(row), reply);
  });

  route(app, endpoints.logout, async (_input, { request, reply }) => {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) await credentials.deleteSession(secret);
    clearSessionCookie(reply, settings.secureCookies);
    return undefined;
  });

  route(app, endpoints.me, async ({ actor }) => ({ user: actor.user }));

  route(app, endpoints.setupStatus, async () => ({
    needed: (await users.count()) === 0,
    signup: settings.signup,
  }));

  route(app, endpoints.signup, async ({ body }, { request, reply }) => {
    if (settings.signup !== "open")
      throw new HttpError(
        403,
        "Sign-up is closed: ask an admin for an invitation",
      );
    await throttle.count([`signup:${request.ip}`], reply);
    return signIn(await createWithPassword(body, "requester"), reply);
  });

  route(app, endpoints.setup, async ({ body }, { request, reply }) => {
    await throttle.check([`ip:${request.ip}`], reply);
    if ((await users.count()) > 0)
      throw new HttpError(
        409,
        "This desk already has an admin: sign in instead",
      );
    if (!(await credentials.useLink("setup", body.token))) {
      await throttle.fail([`ip:${request.ip}`]);
      throw new HttpError(
        403,
        "This setup link is not valid: use the one the server printed at start",
      );
    }
    return signIn(await createWithPassword(body, "admin"), reply);
  });

  route(app, endpoints.acceptInvite, async ({ body }, { request, reply }) => {
    await throttle.check([`ip:${request.ip}`], reply);
    const link = await credentials.useLink("invite", body.token);
    const row = link?.userId ? await users.byId(link.userId) : undefined;
    if (!row || row.disabledAt !== null) {
      await throttle.fail([`ip:${request.ip}`]);
      throw new HttpError(
        403,
        "This invitation is not valid or has expired: ask for a new one",
      );
    }
    await users.setPassword(row.id, await hashPassword(body.password));
    return signIn(toUser(row), reply);
  });
}
