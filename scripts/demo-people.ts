import type { Role } from "../contract/people.js";
import type { Database } from "../server/db/client.js";
import { hashPassword } from "../server/auth/secrets.js";

/** Everyone the seed creates signs in with this password; it is printed, never a real account's. */
export const DEMO_PASSWORD = "ticketdesk-demo";

const STAFF: { email: string; name: string; role: Role }[] = [
  { email: "admin@example.com", name: "Alex Admin", role: "admin" },
  { email: "sam@example.com", name: "Sam Agent", role: "agent" },
  { email: "kim@example.com", name: "Kim Agent", role: "agent" },
];
// prettier-ignore
const REQUESTERS = ["Maria Garcia", "Wei Chen", "Amara Okafor", "Lukas Becker", "Priya Sharma", "Tom Nguyen", "Sofia Rossi", "Omar Haddad", "Emma Wilson", "Kenji Sato", "Fatima Zahra", "Jonas Berg"];

export const DEMO_PEOPLE = [
  ...STAFF,
  ...REQUESTERS.map((name) => ({
    email: `${name.split(" ")[0]!.toLowerCase()}@customer.example`,
    name,
    role: "requester" as Role,
  })),
];

/** Creates the demo people who do not exist yet; returns the ids of the requesters and of the agents. */
export async function seedPeople(database: Database) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return database.session(async (session) => {
    for (const person of DEMO_PEOPLE)
      await session.query(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (lower(email)) DO NOTHING`,
        [person.email, person.name, person.role, passwordHash],
      );
    const ids = async (role: Role) =>
      (
        await session.query<{ id: number }>(
          "SELECT id FROM users WHERE role = $1 AND lower(email) = ANY($2) ORDER BY id",
          [
            role,
            DEMO_PEOPLE.filter((person) => person.role === role).map(
              (person) => person.email,
            ),
          ],
        )
      ).map((row) => Number(row.id));
    return {
      requesters: await ids("requester"),
      agents: [...(await ids("agent")), ...(await ids("admin"))],
    };
  });
}
