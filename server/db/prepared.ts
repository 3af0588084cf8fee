import { createHash } from "node:crypto";

/**
 * Named prepared statements, built on first use and kept: PostgreSQL then parses and plans each
 * query shape once per connection instead of on every request (PGlite runs them as plain
 * queries). A name must always stand for the same SQL text: node-postgres refuses a name reused
 * for different text on the same connection.
 */
export function preparedStatements() {
  const cache = new Map<string, unknown>();
  return <P>(name: string, build: () => { prepare(name: string): P }): P => {
    if (!cache.has(name)) cache.set(name, build().prepare(statementName(name)));
    return cache.get(name) as P;
  };
}

// PostgreSQL keeps the first 63 bytes of a name, so two long names sharing them would collide.
const NAME_MAX = 63;

/** `name`, or when too long its start and a hash of the whole. */
export function statementName(name: string): string {
  if (name.length <= NAME_MAX) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 12);
  return `${name.slice(0, NAME_MAX - hash.length - 1)}_${hash}`;
}
