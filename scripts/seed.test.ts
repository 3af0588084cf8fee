import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CATEGORIES,
  CreateTicket,
  PRIORITIES,
  STATUSES,
} from "../contract/tickets.js";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../server/test/databases.js";
import { verify } from "@node-rs/argon2";
import { DEMO_PASSWORD, seedPeople } from "./demo-people.js";
import { seedTickets } from "./seed.js";

const COUNT = 500;
const YEAR_MS = 365 * 86_400_000;

describe.each(DB_KINDS)("seedTickets on %s", (kind) => {
  let database: TestDatabase;
  const now = new Date();
  const progress: number[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedTickets(database, {
      count: COUNT,
      now,
      batchSize: 120,
      onProgress: (done) => progress.push(done),
    });
  });
  afterAll(() => database.drop());

  type Row = {
    title: string;
    description: string;
    category: string;
    priority: string;
    status: string;
    created_at: Date;
    updated_at: Date;
  };
  const rows = () =>
    database.session((s) => s.query<Row>("SELECT * FROM tickets"));

  it("inserts the requested number of tickets and reports each batch", async () => {
    expect(await rows()).toHaveLength(COUNT);
    expect(progress).toEqual([120, 240, 360, 480, 500]);
  });

  it("uses every category, priority and status", async () => {
    const all = await rows();
    const values = (key: keyof Row) => new Set(all.map((row) => row[key]));
    expect(values("category")).toEqual(new Set(CATEGORIES));
    expect(values("priority")).toEqual(new Set(PRIORITIES));
    expect(values("status")).toEqual(new Set(STATUSES));
  });

  it("writes varied texts", async () => {
    const all = await rows();
    expect(new Set(all.map((row) => row.title)).size).toBeGreaterThan(150);
    expect(new Set(all.map((row) => row.description)).size).toBeGreaterThan(
      450,
    );
  });

  it("dates tickets within the last year, updated no earlier than created", async () => {
    for (const row of await rows()) {
      expect(row.created_at.getTime()).toBeGreaterThan(now.getTime() - YEAR_MS);
      expect(row.created_at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(row.updated_at.getTime()).toBeGreaterThanOrEqual(
        row.created_at.getTime(),
      );
      expect(row.updated_at.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  it("numbers tickets in the order they were filed", async () => {
    const filed = await database.session((s) =>
      s.query<{ id: string }>("SELECT id FROM tickets ORDER BY created_at, id"),
    );
    const ids = filed.map((row) => Number(row.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const ages = await rows();
    const oldest = Math.min(...ages.map((row) => row.created_at.getTime()));
    expect(now.getTime() - oldest).toBeGreaterThan(YEAR_MS * 0.9);
  });

  it("writes tickets that both the table constraints and the API validation accept", async () => {
    const written = await database.session((s) =>
      s.query(
        "SELECT title, description, category, priority, status FROM tickets",
      ),
    );
    for (const ticket of written)
      expect(CreateTicket.parse(ticket)).toEqual(ticket);
  });
});

describe.each(DB_KINDS)("seedPeople on %s", (kind) => {
  let database: TestDatabase;
  afterAll(() => database.drop());

  it("creates the demo people once, with the printed password, and spreads tickets over them", async () => {
    database = await createTestDatabase(kind);
    const people = await seedPeople(database);
    expect(await seedPeople(database)).toEqual(people);
    expect(people.agents).toHaveLength(3);
    await seedTickets(database, { count: 200, people });
    const rows = await database.session((s) =>
      s.query<{
        requester_id: string;
        assignee_id: string | null;
        hash: string;
      }>(
        "SELECT requester_id, assignee_id, (SELECT password_hash FROM users WHERE id = requester_id) AS hash FROM tickets",
      ),
    );
    const requesters = new Set(rows.map((row) => Number(row.requester_id)));
    expect(requesters.size).toBeGreaterThan(6);
    for (const id of requesters) expect(people.requesters).toContain(id);
    expect(
      rows.filter((row) => row.assignee_id !== null).length,
    ).toBeGreaterThan(100);
    expect(await verify(rows[0]!.hash, DEMO_PASSWORD)).toBe(true);
  });
});
