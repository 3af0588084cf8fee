import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../http/errors.js";
import type { Actor } from "../http/route.js";
import type { CredentialsRepo } from "./credentials-repo.js";

export const SESSION_COOKIE = "td_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type AuthPluginOptions = {
  credentials: CredentialsRepo;
  /** Origins besides the app's own that may write with the session cookie. */
  trustedOrigins: string[];
};

declare module "fastify" {
  interface FastifyInstance {
    /** The person behind `Authorization: Bearer <token>` or the session cookie, if any. */
    authenticate(request: FastifyRequest): Promise<Actor | null>;
  }
}

const bearerOf = (request: FastifyRequest) =>
  /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];

/**
 * Refuses a browser write to /api that comes from a foreign origin (bearer calls are exempt: a
 * browser never adds that header by itself), and gives routes `app.authenticate`; the route
 * helper calls it, so that only endpoints that need a person look one up.
 */
export async function registerAuth(
  app: FastifyInstance,
  { credentials, trustedOrigins }: AuthPluginOptions,
) {
  await app.register(fastifyCookie);
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request) => {
    if (
      !request.url.startsWith("/api/") ||
      SAFE_METHODS.has(request.method) ||
      bearerOf(request)
    )
      return;
    if (foreignOrigin(request, trustedOrigins))
      throw new HttpError(
        403,
        "Cross-site request refused: this origin may not write to the desk",
      );
  });
  app.decorate("authenticate", async (request: FastifyRequest) => {
    const bearer = bearerOf(request);
    if (bearer) return credentials.actorFromToken(bearer);
    const secret = request.cookies[SESSION_COOKIE];
    return secret ? credentials.actorFromSession(secret) : null;
  });
}

function foreignOrigin(request: FastifyRequest, trusted: string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (trusted.includes(origin)) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true; // "null" (a sandboxed frame, a file: page) and other unparseable origins
  }
}

export function setSessionCookie(
  reply: FastifyReply,
  secret: string,
  ttlHours: number,
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: ttlHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
  });
}
