import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { ApiToken } from "../../contract/people.js";
import type { Db } from "../db/client.js";
import {
  apiTokens,
  linkTokens,
  loginFailures,
  sessions,
  users,
} from "../db/schema.js";
import type { Actor } from "../http/route.js";
import { hashSecret, newSecret, TOKEN_PREFIX } from "./secrets.js";
import { toUser } from "./users-repo.js";

// last_seen_at / last_used_at are written at most this often per session or token, not per request.
const TOUCH_EVERY = sql`interval '1 minute'`;

function toToken(
  row: typeof apiTokens.$inferSelect,
  owner: ApiToken["owner"],
): ApiToken {
  return {
    id: row.id,
    name: row.name,
    owner,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

/** Sessions, API tokens, one-time links and failed sign-ins: every secret stored as a hash only. */
export function credentialsRepo(db: Db) {
  // Named prepared statements: one of these runs before every signed-in request.
  const sessionLookup = db
    .select({
      user: users,
      sessionId: sessions.id,
      stale: sql<boolean>`${sessions.lastSeenAt} < now() - ${TOUCH_EVERY}`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.secretHash, sql.placeholder("hash")),
        gt(sessions.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    )
    .prepare("auth_session");
  const tokenLookup = db
    .select({
      user: users,
      tokenId: apiTokens.id,
      stale: sql<boolean>`coalesce(${apiTokens.lastUsedAt} < now() - ${TOUCH_EVERY}, true)`,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder("hash")),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
      ),
    )
    .prepare("auth_token");

  return {
    async createSession(userId: number, ttlHours: number): Promise<string> {
      const secret = newSecret();
      await db.insert(sessions).values({
        userId,
        secretHash: hashSecret(secret),
        expiresAt: sql`now() + make_interval(hours => ${ttlHours})`,
      });
      return secret;
    },

    /** The live session's person; none if expired, unknown or the person is disabled. */
    async actorFromSession(secret: string): Promise<Actor | null> {
      const [row] = await sessionLookup.execute({ hash: hashSecret(secret) });
      if (!row) return null;
      if (row.stale)
        await db
          .update(sessions)
          .set({ lastSeenAt: sql`now()` })
          .where(eq(sessions.id, row.sessionId));
      return {
        user: toUser(row.user),
        via: "session",
        sessionId: row.sessionId,
      };
    },

    async deleteSession(secret: string): Promise<void> {
      await db
        .delete(sessions)
        .where(eq(sessions.secretHash, hashSecret(secret)));
    },

    async deleteExpiredSessions(): Promise<void> {
      await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
    },

    async createToken(userId: number, name: string) {
      const token = newSecret(TOKEN_PREFIX);
      const [row] = await db
        .insert(apiTokens)
        .values({ userId, name, tokenHash: hashSecret(token) })
        .returning();
      return {
        id: row!.id,
        name: row!.name,
        token,
        created_at: row!.createdAt.toISOString(),
      };
    },

    async actorFromToken(token: string): Promise<Actor | null> {
      const [row] = await tokenLookup.execute({ hash: hashSecret(token) });
      if (!row) return null;
      if (row.stale)
        await db
          .update(apiTokens)
          .set({ lastUsedAt: sql`now()` })
          .where(eq(apiTokens.id, row.tokenId));
      return { user: toUser(row.user), via: "token", tokenId: row.tokenId };
    },

    /** One person's tokens, or everyone's (for an admin), newest first. */
    async listTokens(userId?: number): Promise<ApiToken[]> {
      const rows = await db
        .select({
          token: apiTokens,
          owner: { id: users.id, name: users.name, email: users.email },
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(userId === undefined ? undefined : eq(apiTokens.userId, userId))
        .orderBy(desc(apiTokens.id));
      return rows.map((row) => toToken(row.token, row.owner));
    },

    /** Revokes a token of `userId` (any token when undefined); false if there is none to revoke. */
    async revokeToken(id: number, userId?: number): Promise<boolean> {
      const rows = await db
        .update(apiTokens)
        .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
        .where(
          and(
            eq(apiTokens.id, id),
            userId === undefined ? undefined : eq(apiTokens.userId, userId),
          ),
        )
        .returning({ id: apiTokens.id });
      return rows.length > 0;
    },

    async createLink(
      purpose: "setup" | "invite",
      userId: number | null,
      ttlHours: number,
    ): Promise<string> {
      const secret = newSecret();
      await db.insert(linkTokens).values({
        purpose,
        userId,
        tokenHash: hashSecret(secret),
        expiresAt: sql`now() + make_interval(hours => ${ttlHours})`,
      });
      return secret;
    },

    /** Marks a live link used and returns it, at most once however many callers race for it. */
    async useLink(purpose: "setup" | "invite", secret: string) {
      const [row] = await db
        .update(linkTokens)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(linkTokens.purpose, purpose),
            eq(linkTokens.tokenHash, hashSecret(secret)),
            isNull(linkTokens.usedAt),
            gt(linkTokens.expiresAt, sql`now()`),
          ),
        )
        .returning();
      return row;
    },

    /** Failed sign-ins per key within the last `windowMs`. */
    async failures(
      keys: string[],
      windowMs: number,
    ): Promise<Map<string, number>> {
      const rows = await db
        .select({ key: loginFailures.key, n: sql<number>`count(*)::int` })
        .from(loginFailures)
        .where(
          and(
            inArray(loginFailures.key, keys),
            gt(
              loginFailures.at,
              sql`now() - make_interval(secs => ${windowMs / 1000})`,
            ),
          ),
        )
        .groupBy(loginFailures.key);
      return new Map(rows.map((row) => [row.key, row.n]));
    },

    async recordFailure(keys: string[], windowMs: number): Promise<void> {
      await db.insert(loginFailures).values(keys.map((key) => ({ key })));
      await db
        .delete(loginFailures)
        .where(
          lt(
            loginFailures.at,
            sql`now() - make_interval(secs => ${windowMs / 1000})`,
          ),
        );
    },

    async clearFailures(key: string): Promise<void> {
      await db.delete(loginFailures).where(eq(loginFailures.key, key));
    },
  };
}

export type CredentialsRepo = ReturnType<typeof credentialsRepo>;
