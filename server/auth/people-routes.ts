import type { FastifyInstance } from "fastify";
import { endpoints } from "../../contract/endpoints.js";
import { HttpError } from "../http/errors.js";
import { route } from "../http/route.js";
import type { CredentialsRepo } from "./credentials-repo.js";
import { hashPassword } from "./secrets.js";
import type { UsersRepo } from "./users-repo.js";

const INVITE_TTL_HOURS = 7 * 24;

export function peopleRoutes(
  app: FastifyInstance,
  {
    users,
    credentials,
    publicUrl,
  }: { users: UsersRepo; credentials: CredentialsRepo; publicUrl?: string },
): void {
  route(app, endpoints.listUsers, async ({ query }) => users.list(query));

  /** With a password the person can sign in at once; without one they get an invitation link. */
  route(app, endpoints.createUser, async ({ body }, { request }) => {
    const passwordHash =
      body.password === undefined ? null : await hashPassword(body.password);
    const user = await users.create({ ...body, passwordHash });
    if (passwordHash) return { user };
    const token = await credentials.createLink(
      "invite",
      user.id,
      INVITE_TTL_HOURS,
    );
    const base = publicUrl ?? `${request.protocol}://${request.host}`;
    return {
      user,
      invite_url: new URL(`/invite?token=${token}`, base).toString(),
    };
  });

  route(app, endpoints.updateUser, async ({ params, body, actor }) => {
    if (
      params.id === actor.user.id &&
      (body.disabled || (body.role && body.role !== "admin"))
    )
      throw new HttpError(
        409,
        "You cannot disable yourself or give up your own admin role",
      );
    return { user: (await users.update(params.id, body)) ?? notFound() };
  });

  route(app, endpoints.listTokens, async ({ actor }) =>
    credentials.listTokens(
      actor.user.role === "admin" ? undefined : actor.user.id,
    ),
  );

  route(app, endpoints.createToken, async ({ body, actor }) =>
    credentials.createToken(actor.user.id, body.name),
  );

  route(app, endpoints.revokeToken, async ({ params, actor }) => {
    const owner = actor.user.role === "admin" ? undefined : actor.user.id;
    if (!(await credentials.revokeToken(params.id, owner)))
      throw new HttpError(404, "Token not found");
    return undefined;
  });
}

function notFound(): never {
  throw new HttpError(404, "Person not found");
}
