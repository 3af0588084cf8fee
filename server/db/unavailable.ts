/**
 * Whether a query failed because the database could not be reached (down, restarting, connections cut,
 * pool closed) rather than because of the query: the first is worth retrying, the second is a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 8; depth++) {
    if (matches(cause)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

// Network failures, as node-postgres reports them.
const SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
// SQLSTATE: class 08 connection exception; 57P01-57P03 shutting down, crashed, starting up; 53300 too many connections.
// https://www.postgresql.org/docs/current/errcodes-appendix.html
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
// node-postgres, its pool and PGlite say these in words only.
const MESSAGES = [
  "Connection terminated",
  "is not queryable",
  "timeout exceeded when trying to connect",
  "Cannot use a pool after calling end on the pool",
  "PGlite is closed",
];

function matches(error: object): boolean {
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    (SYSTEM_CODES.has(code) || SQLSTATE.test(code))
  )
    return true;
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === "string" &&
    MESSAGES.some((known) => message.includes(known))
  );
}
