/**
 * Splits SQL text at the semicolons that end statements, skipping those inside quotes ('…', "…"),
 * dollar quotes ($$…$$, $tag$…$tag$) and comments (-- …, /* … *\/). Returns the non-empty statements.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i, i + 2);
    if (rest === "--") i = endOf(sql, "\n", i + 2);
    else if (rest === "/*") i = endOf(sql, "*/", i + 2);
    else if (sql[i] === "'" || sql[i] === '"') i = endOf(sql, sql[i]!, i + 1);
    else if (sql[i] === "$" && /^\$\w*\$/.test(sql.slice(i))) {
      const tag = /^\$\w*\$/.exec(sql.slice(i))![0];
      i = endOf(sql, tag, i + tag.length);
    } else if (sql[i] === ";") {
      statements.push(sql.slice(start, i));
      start = ++i;
    } else i++;
  }
  statements.push(sql.slice(start));
  return statements.filter((statement) => !isEmpty(statement));
}

/** The index just past the next `close` (a doubled quote closes and reopens, which comes out the same). */
function endOf(sql: string, close: string, from: number): number {
  const at = sql.indexOf(close, from);
  return at < 0 ? sql.length : at + close.length;
}

function isEmpty(statement: string): boolean {
  return (
    statement
      .replace(/--[^\n]*/g, "")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .trim() === ""
  );
}
