import { z } from "zod";
import { text, visibleText } from "./text.js";

export const ROLES = ["admin", "agent", "requester"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;

export const Email = z
  .string()
  .trim()
  .max(EMAIL_MAX, `Email must be at most ${EMAIL_MAX} characters`)
  .pipe(z.email("Enter a valid email address"))
  .transform((email) => email.toLowerCase());
export const Password = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);
export const Name = visibleText("Name", NAME_MAX);

export const User = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: Role,
  disabled: z.boolean(),
  created_at: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof User>;
export const UserList = z.array(User);

/** A person as a ticket shows them. */
export const Person = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
});
export type Person = z.infer<typeof Person>;

export const UserReply = z.object({ user: User });

export const Login = z.strictObject({
  email: Email,
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX),
});
export type Login = z.input<typeof Login>;

export const Signup = z.strictObject({
  email: Email,
  name: Name,
  password: Password,
});
export type Signup = z.input<typeof Signup>;

export const SetupStatus = z.object({
  needed: z.boolean(),
  signup: z.enum(["open", "closed"]),
});
export type SetupStatus = z.infer<typeof SetupStatus>;
export const Setup = Signup.extend({ token: z.string().min(1).max(200) });
export type Setup = z.input<typeof Setup>;

export const AcceptInvite = z.strictObject({
  token: z.string().min(1).max(200),
  password: Password,
});
export type AcceptInvite = z.input<typeof AcceptInvite>;

export const UserId = z.object({
  id: z.coerce
    .number({ error: "Id must be a number" })
    .int("Id must be a whole number")
    .positive("Id must be positive")
    .max(Number.MAX_SAFE_INTEGER, "Id is too large"),
});

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    schema.optional(),
  );

export const UserQuery = z.object({
  role: optional(Role),
  search: optional(text().max(200, "Search must be at most 200 characters")),
});
export type UserQuery = z.infer<typeof UserQuery>;

export const CreateUser = z.strictObject({
  email: Email,
  name: Name,
  role: Role,
  password: Password.optional(),
});
export type CreateUser = z.input<typeof CreateUser>;
export const CreatedUser = z.object({
  user: User,
  invite_url: z.string().optional(),
});

export const UpdateUser = z
  .strictObject({
    name: Name.optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
  })
  .refine(
    (patch) => Object.keys(patch).length > 0,
    "Give at least one field to change",
  );
export type UpdateUser = z.input<typeof UpdateUser>;

export const ApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  owner: Person,
  created_at: z.iso.datetime({ offset: true }),
  last_used_at: z.iso.datetime({ offset: true }).nullable(),
  revoked_at: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokenList = z.array(ApiToken);
export const CreateToken = z.strictObject({ name: Name });
export type CreateToken = z.input<typeof CreateToken>;
/** The secret is in this reply only: it is stored hashed and can never be shown again. */
export const CreatedToken = z.object({
  id: z.number().int(),
  name: z.string(),
  token: z.string(),
  created_at: z.iso.datetime({ offset: true }),
});
export const TokenId = UserId;
