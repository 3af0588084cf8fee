/**
 * The list cursor names the last ticket of a page; the next page starts strictly after it in
 * (created_at DESC, id DESC) order. It is opaque to clients: base64url of "t:<id>".
 */
export function encodeCursor(id: number): string {
  return Buffer.from(`t:${id}`).toString("base64url");
}

/** Returns the ticket id, or undefined when the cursor was not made by encodeCursor. */
export function decodeCursor(cursor: string): number | undefined {
  const match = /^t:([1-9]\d{0,15})$/.exec(
    Buffer.from(cursor, "base64url").toString("utf8"),
  );
  if (!match?.[1]) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && encodeCursor(id) === cursor
    ? id
    : undefined;
}
