/**
 * Plain query strings (`?status=open&search=123`) instead of the router's default JSON values, which
 * would quote a search for "123" as `%22123%22`: every value is a string, each page's
 * validateSearch gives it its type.
 */
export function parseSearch(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query));
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search))
    if (value !== undefined && value !== null && value !== "")
      params.set(key, String(value));
  const query = params.toString();
  return query ? `?${query}` : "";
}
