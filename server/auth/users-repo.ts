import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import type {
  CreateUser,
  UpdateUser,
  User,
  UserQuery,
} from "../../contract/people.js";
import type { Db } from "../db/client.js";
import { sessions, users, type UserRow } from "../db/schema.js";
import { HttpError } from "../http/errors.js";
import { likePattern } from "../db/like.js";

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    created_at: row.createdAt.toISOString(),
  };
}

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === "23505" ||
  (error as { cause?: { code?: string } }).cause?.code === "23505";

export function usersRepo(db: Db) {
  return {
    async byEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
      return row;
    },

    async byId(id: number): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },

    async count(): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users);
      return row?.n ?? 0;
    },

    /** 409 when the email is taken (case-insensitively). */
    async create(
      input: Omit<CreateUser, "password"> & {
        email: string;
        passwordHash?: string | null;
      },
    ): Promise<User> {
      try {
        const [row] = await db
          .insert(users)
          .values({
            email: input.email,
            name: input.name,
            role: input.role,
            passwordHash: input.passwordHash ?? null,
          })
          .returning();
        return toUser(row!);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new HttpError(409, "Someone already has this email");
        throw error;
      }
    },

    /** Agents see agents, admins and requesters (to assign and to file for); nobody sees passwords. */
    async list(query: UserQuery): Promise<User[]> {
      const pattern = query.search ? likePattern(query.search) : undefined;
      const rows = await db
        .select()
        .from(users)
        .where(
          and(
            query.role ? eq(users.role, query.role) : undefined,
            pattern === undefined
              ? undefined
              : or(ilike(users.name, pattern), ilike(users.email, pattern)),
          ),
        )
        .orderBy(asc(sql`lower(${users.name})`), asc(users.id))
        .limit(500);
      return rows.map(toUser);
    },

    /** Disabling ends the person's sessions at once; their tokens stop because every lookup checks disabled_at. */
    async update(id: number, patch: UpdateUser): Promise<User | undefined> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({
            name: patch.name,
            role: patch.role,
            ...(patch.disabled !== undefined && {
              disabledAt: patch.disabled
                ? sql`coalesce(${users.disabledAt}, now())`
                : null,
            }),
          })
          .where(eq(users.id, id))
          .returning();
        if (row && patch.disabled)
          await tx.delete(sessions).where(eq(sessions.userId, id));
        return row && toUser(row);
      });
    },

    async setPassword(id: number, passwordHash: string): Promise<void> {
      await db.update(users).set({ passwordHash }).where(eq(users.id, id));
    },
  };
}

export type UsersRepo = ReturnType<typeof usersRepo>;
