/**
 * Named prepared statements, built on first use and kept: PostgreSQL then parses and plans each
 * query shape once per connection instead of on every request (PGlite runs them as plain
 * queries). A name must always stand for the same SQL text: node-postgres refuses a name reused
 * for different text on the same connection.
 */
export function preparedStatements() {
  const cache = new Map<string, unknown>();
  return <P>(name: string, build: () => { prepare(name: string): P }): P => {
    if (!cache.has(name)) cache.set(name, build().prepare(name));
    return cache.get(name) as P;
  };
}
