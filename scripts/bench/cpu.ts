import { readFile } from "node:fs/promises";
import type { Session } from "../../server/db/client.js";

// Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on every mainstream kernel.
const TICKS_PER_SECOND = 100;

/** User + system CPU time of a process in ms, from /proc/<pid>/stat; 0 once it has exited. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Fields after the command name (which may hold spaces) start at state, field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU ms of each PostgreSQL backend serving connections named `application` (PGAPPNAME). */
export async function backendCpu(
  session: Session,
  application: string,
): Promise<Map<number, number>> {
  const rows = await session.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE application_name = $1",
    [application],
  );
  return new Map(
    await Promise.all(
      rows.map(async ({ pid }) => [pid, await cpuMs(pid)] as const),
    ),
  );
}

/** CPU ms the backends spent between two snapshots (a backend new since `before` counts from 0). */
export function backendCpuSpent(
  before: Map<number, number>,
  after: Map<number, number>,
): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
