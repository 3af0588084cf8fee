import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../db/client.js";
import { credentialsRepo } from "./credentials-repo.js";
import { hashPassword } from "./secrets.js";
import { usersRepo } from "./users-repo.js";

const SETUP_TTL_HOURS = 24;

type FirstRun = {
  db: Db;
  log: FastifyBaseLogger;
  firstAdmin?: { email: string; password: string };
  /** Where people open the desk, for the printed setup link. */
  baseUrl: string;
};

/**
 * On a desk with nobody in it: creates the admin of ADMIN_EMAIL/ADMIN_PASSWORD, or returns a
 * one-time setup link for the first visitor. Two processes starting at once are safe: the email is
 * unique, and each printed link works until one of them has been used.
 */
export async function prepareFirstRun({
  db,
  log,
  firstAdmin,
  baseUrl,
}: FirstRun): Promise<string | undefined> {
  const users = usersRepo(db);
  if ((await users.count()) > 0) return undefined;
  if (firstAdmin) {
    const passwordHash = await hashPassword(firstAdmin.password);
    await users
      .create({
        email: firstAdmin.email,
        name: "Admin",
        role: "admin",
        passwordHash,
      })
      .then(
        () => log.info("created the first admin from ADMIN_EMAIL"),
        () => log.info("the first admin already exists"),
      );
    return undefined;
  }
  const token = await credentialsRepo(db).createLink(
    "setup",
    null,
    SETUP_TTL_HOURS,
  );
  return new URL(`/setup?token=${token}`, baseUrl).toString();
}
