import {
  linkSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

/**
 * PGlite has no lock of its own: two processes on one folder both accept writes, hand out the same
 * ids and overwrite each other's files. Like PostgreSQL's postmaster.pid, this lock file names the
 * process that holds the folder; it is stale when that process is gone, which covers kill -9 and power
 * loss without a timeout (see docs/decisions/008-hardening-limits.md).
 */
export const LOCK_FILE = "ticketdesk.lock";

type Holder = { pid: number; started?: string; command: string };

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: Holder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Ticketdesk process ` +
        `(pid ${holder.pid}: ${holder.command}). It takes one process at a time: two would hand out ` +
        `the same ticket ids and lose tickets. Stop that process first (to seed or run another script, ` +
        `stop the app, run the script, then start the app again), or set DATABASE_URL to a PostgreSQL ` +
        `server to run several processes. If no such process is running, delete ${join(dataDir, LOCK_FILE)}.`,
    );
  }
}

const held = new Set<string>();

/** Takes the folder for this process, or throws DataDirInUseError naming the process that has it. */
export function lockDataDir(dataDir: string): { release(): void } {
  const path = join(dataDir, LOCK_FILE);
  const mine: Holder = {
    pid: process.pid,
    started: startTime(process.pid),
    command: process.argv.slice(1).join(" ") || process.argv0,
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, mine)) {
      held.add(path);
      return { release: () => release(path, mine) };
    }
    const holder = readHolder(path);
    if (!holder) continue; // released meanwhile
    if (isAlive(path, holder)) throw new DataDirInUseError(dataDir, holder);
    // Stale. Move it aside (atomic) and check that what moved is the file judged stale, not a lock
    // another process took meanwhile; if it is, put that one back.
    const aside = `${path}.${process.pid}.stale`;
    try {
      renameSync(path, aside);
    } catch (error) {
      if (errorCode(error) === "ENOENT") continue;
      throw error;
    }
    const moved = readHolder(aside);
    if (moved && !sameHolder(moved, holder)) {
      restore(aside, path);
      throw new DataDirInUseError(dataDir, moved);
    }
    unlinkSync(aside);
  }
  throw new Error(`Could not take the lock ${path}: it keeps changing`);
}

/** Writes the whole file aside, then links it in: the lock file is never seen half-written. */
function createExclusive(path: string, holder: Holder): boolean {
  const draft = `${path}.${process.pid}.new`;
  writeFileSync(draft, JSON.stringify(holder));
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readHolder(path: string): Holder | undefined {
  let content: string;
  try {
    content = readFileSync(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(content) as Holder;
  } catch {
    return { pid: 0, command: "unknown (unreadable lock file)" };
  }
}

function isAlive(path: string, holder: Holder): boolean {
  if (held.has(path)) return true;
  // Our own pid or our parent's cannot be another Ticketdesk: a file left by an earlier process that
  // had the same pid, as happens when a container restarts (the app is pid 1 again).
  if (holder.pid === process.pid || holder.pid === process.ppid) return false;
  if (!Number.isSafeInteger(holder.pid) || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if (errorCode(error) === "ESRCH") return false;
  }
  // The pid lives, but it may have been reused by another program since: compare start times.
  const started = startTime(holder.pid);
  return !(holder.started && started && started !== holder.started);
}

/** The process's start time in clock ticks since boot (Linux); undefined where /proc is missing. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces; starttime is field 22.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function sameHolder(a: Holder, b: Holder): boolean {
  return a.pid === b.pid && a.started === b.started;
}

function restore(aside: string, path: string): void {
  try {
    linkSync(aside, path);
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
  }
  unlinkSync(aside);
}

function release(path: string, mine: Holder): void {
  if (!held.delete(path)) return;
  const holder = readHolder(path);
  if (holder && sameHolder(holder, mine)) unlinkSync(path);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}
