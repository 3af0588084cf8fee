import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasVisibleText } from "../../contract/text.js";
import {
  createTestDatabase,
  DB_KINDS,
  type TestDatabase,
} from "../test/databases.js";

const LAST_CODE_POINT = 0x10ffff;
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

describe.each(DB_KINDS)("text rules in SQL on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const run = <Row = unknown>(sqlText: string, params: unknown[] = []) =>
    database.session((s) => s.query<Row>(sqlText, params));

  it("has_visible_text() agrees with the API's hasVisibleText() on every code point", async () => {
    const [row] = await run<{ blank: number[] }>(
      `SELECT array_agg(cp ORDER BY cp) AS blank FROM generate_series(1, $1::int) cp
       WHERE (cp < 55296 OR cp > 57343) AND NOT has_visible_text(chr(cp))`,
      [LAST_CODE_POINT],
    );
    const blankInJs: number[] = [];
    for (let cp = 1; cp <= LAST_CODE_POINT; cp++) {
      if (!isSurrogate(cp) && !hasVisibleText(String.fromCodePoint(cp)))
        blankInJs.push(cp);
    }
    expect(row!.blank).toEqual(blankInJs);
  });

  it.each([
    ["title", "\u200b"],
    ["title", "\u0085"],
    ["title", " \u00a0\u3000\u2060 "],
    ["description", "\ufeff"],
    ["description", "\u3164\u{e0020}\t"],
  ])("the CHECK refuses a %s of only %j", async (column, value) => {
    await expect(
      run(
        `INSERT INTO tickets (title, description, category, priority)
         VALUES ($1, $2, 'general', 'low')`,
        column === "title" ? [value, "d"] : ["t", value],
      ),
    ).rejects.toThrow(`tickets_${column}_check`);
  });

  it("the CHECK accepts text with one visible character among invisible ones", async () => {
    const rows = await run(
      `INSERT INTO tickets (title, description, category, priority)
       VALUES ($1, $2, 'general', 'low') RETURNING id`,
      ["\u200b❤️\u200b", "\u0085x"],
    );
    expect(rows).toHaveLength(1);
  });
});
