import { describe, expect, it } from "vitest";
import { splitStatements } from "./split-statements.js";

describe("splitStatements", () => {
  it("splits at the semicolons that end statements only", () => {
    const sql = `-- a comment; not a statement
CREATE INDEX CONCURRENTLY a ON t (x);
/* block; comment */ SELECT 'it''s; here', "odd;name" FROM t;
CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
DO $$ BEGIN PERFORM 1; END $$
`;
    expect(splitStatements(sql).map((s) => s.trim())).toEqual([
      "-- a comment; not a statement\nCREATE INDEX CONCURRENTLY a ON t (x)",
      `/* block; comment */ SELECT 'it''s; here', "odd;name" FROM t`,
      "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql",
      "DO $$ BEGIN PERFORM 1; END $$",
    ]);
  });

  it("drops empty and comment-only pieces", () => {
    expect(splitStatements(";;\n-- only a comment\n")).toEqual([]);
  });
});
