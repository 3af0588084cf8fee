import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES, PRIORITIES, STATUSES } from "../../contract/tickets.js";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../test/databases.js";
import { migrate } from "./migrate.js";

describe.each(DB_KINDS)("tickets table constraints on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const run = <Row = unknown>(sqlText: string, params: unknown[] = []) =>
    database.session((s) => s.query<Row>(sqlText, params));
  const insert = (values: Record<string, unknown>) => {
    const row = {
      title: "t",
      description: "d",
      category: "general",
      priority: "low",
      ...values,
    };
    const columns = Object.keys(row);
    return run(
      `INSERT INTO tickets (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING id`,
      Object.values(row),
    );
  };

  it("accepts a valid row and fills status and timestamps", async () => {
    const [row] = await insert({});
    const [ticket] = await run(
      "SELECT status, created_at, updated_at FROM tickets WHERE id = $1",
      [(row as { id: number }).id],
    );
    expect(ticket).toMatchObject({ status: "open" });
  });

  it.each([
    [{ category: "urgent" }, "tickets_category_check"],
    [{ priority: "p1" }, "tickets_priority_check"],
    [{ status: "done" }, "tickets_status_check"],
    [{ title: "   " }, "tickets_title_check"],
    [{ description: "\t\n " }, "tickets_description_check"],
  ])("refuses INSERT %j", async (values, constraint) => {
    await expect(insert(values)).rejects.toThrow(constraint);
  });

  it.each([
    [{ title: null }, /null value/],
    [{ category: null }, /null value/],
    [{ title: "t".repeat(201) }, /too long/],
  ])("refuses INSERT %j", async (values, message) => {
    await expect(insert(values)).rejects.toThrow(message);
  });

  it.each([
    ["category = 'urgent'", "tickets_category_check"],
    ["priority = 'p1'", "tickets_priority_check"],
    ["status = 'done'", "tickets_status_check"],
    ["title = ''", "tickets_title_check"],
    ["status = NULL", "null value"],
  ])("refuses UPDATE SET %s", async (assignment, message) => {
    await expect(run(`UPDATE tickets SET ${assignment}`)).rejects.toThrow(
      message,
    );
  });

  it("refuses an explicit id: ids come from the identity column only", async () => {
    await expect(insert({ id: 5 })).rejects.toThrow(/non-DEFAULT value/);
  });

  it("sets updated_at on every UPDATE, whoever runs it", async () => {
    const [row] = await insert({
      created_at: "2020-01-01T00:00:00Z",
      updated_at: "2020-01-01T00:00:00Z",
    });
    const id = (row as { id: number }).id;
    await run("UPDATE tickets SET status = 'closed' WHERE id = $1", [id]);
    const [ticket] = await run(
      "SELECT updated_at > now() - interval '1 minute' AS fresh FROM tickets WHERE id = $1",
      [id],
    );
    expect(ticket).toEqual({ fresh: true });
  });

  it("has CHECK lists equal to the contract's enums", async () => {
    const rows = await run<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = 'tickets'::regclass AND contype = 'c'`,
    );
    const allowed = (name: string) => {
      const definition =
        rows.find((row) => row.name === name)?.definition ?? "";
      return [...definition.matchAll(/'([a-z_]+)'::text/g)].map(
        (match) => match[1],
      );
    };
    expect(allowed("tickets_category_check")).toEqual([...CATEGORIES]);
    expect(allowed("tickets_priority_check")).toEqual([...PRIORITIES]);
    expect(allowed("tickets_status_check")).toEqual([...STATUSES]);
  });

  it("applies each migration once, so a second start changes nothing", async () => {
    expect(await migrate(database)).toEqual([]);
    const applied = await run<{ name: string }>(
      "SELECT name FROM schema_migrations",
    );
    expect(applied.map((row) => row.name)).toContain("0001_tickets.sql");
  });
});
