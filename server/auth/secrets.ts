import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** API tokens start with this, so that secret scanners (and people) can recognise a leaked one. */
export const TOKEN_PREFIX = "tdk_";

/** A new random secret: 256 bits, URL-safe. */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/**
 * What the database keeps of a session, token or link secret. A plain SHA-256 suffices: the secret
 * is 256 random bits, so there is nothing to guess, and a lookup by hash stays one index probe.
 */
export function hashSecret(secret: string): Buffer {
  return createHash("sha256").update(secret).digest();
}

/** argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum). */
export const hashPassword = (password: string) => hash(password);

// Checked when the email is unknown, so that a wrong email takes as long as a wrong password.
const DUMMY_HASH = await hash("not anyone's password");

export async function checkPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  const valid = await verify(passwordHash ?? DUMMY_HASH, password).catch(
    () => false,
  );
  return valid && passwordHash !== null;
}
