/**
 * The raw SQL ceiling: the app's own SQL for a request kind (built by the same functions, values
 * written in), run by pgbench with the same clients, prepared (-M prepared) and not (-M simple).
 */
import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Placeholder } from "drizzle-orm";

type Built = { toSQL(): { sql: string; params: unknown[] } };

/** The statement's text with every parameter written in as a literal; `:name` stays a pgbench variable. */
export function literalSql(
  query: Built,
  values: Record<string, unknown>,
): string {
  const { sql, params } = query.toSQL();
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const param = params[Number(n) - 1];
    const value =
      param instanceof Placeholder ? values[param.name as string] : param;
    if (typeof value === "string" && value.startsWith(":")) return value;
    if (typeof value === "number") return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}

export type RawResult = { tps: number; latencyMs: number };

const run = promisify(execFile);

/** tps and mean latency of `statement` under pgbench, in `mode`. */
export async function pgbench(
  url: string,
  statement: string,
  {
    clients,
    seconds,
    mode,
    setup = "",
  }: {
    clients: number;
    seconds: number;
    mode: "prepared" | "simple";
    setup?: string;
  },
): Promise<RawResult> {
  const file = join(tmpdir(), `ticketdesk-pgbench-${process.pid}.sql`);
  await writeFile(file, `${setup}${statement};\n`);
  try {
    const { stdout } = await run("pgbench", [
      "-n",
      `-M${mode}`,
      `-c${clients}`,
      "-j2",
      `-T${seconds}`,
      "-f",
      file,
      url,
    ]);
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
    const latency = /latency average = ([\d.]+) ms/.exec(stdout)?.[1];
    return { tps: Number(tps), latencyMs: Number(latency) };
  } finally {
    await rm(file, { force: true });
  }
}
