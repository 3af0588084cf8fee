import type { FastifyReply } from "fastify";
import { HttpError } from "../http/errors.js";
import type { CredentialsRepo } from "./credentials-repo.js";

/** Failed attempts allowed per key within the window; kept in PostgreSQL so that every app process counts them. */
export type ThrottleLimits = {
  windowMs: number;
  perAccount: number;
  perAddress: number;
};

export const DEFAULT_THROTTLE: ThrottleLimits = {
  windowMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 50,
};

export function createThrottle(
  credentials: CredentialsRepo,
  limits: ThrottleLimits,
) {
  const limitOf = (key: string) =>
    key.startsWith("email:") ? limits.perAccount : limits.perAddress;
  const refuse = (reply: FastifyReply): never => {
    reply.header("retry-after", Math.ceil(limits.windowMs / 1000));
    throw new HttpError(429, "Too many attempts: wait a while, then try again");
  };

  return {
    /** 429 when any key has used up its failures. */
    async check(keys: string[], reply: FastifyReply): Promise<void> {
      const failures = await credentials.failures(keys, limits.windowMs);
      if (keys.some((key) => (failures.get(key) ?? 0) >= limitOf(key)))
        refuse(reply);
    },
    fail: (keys: string[]) => credentials.recordFailure(keys, limits.windowMs),
    /** Counts every attempt, not only failures (sign-ups per address). */
    async count(keys: string[], reply: FastifyReply): Promise<void> {
      await this.check(keys, reply);
      await this.fail(keys);
    },
  };
}
