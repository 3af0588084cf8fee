/**
 * The highest event id up to which this process has seen every event: the SSE id that is safe to
 * give a client, since a resume replays everything above it. Notifications come in commit order,
 * not id order, so a lower id may still be in flight when a higher one arrives; that hole holds the
 * mark back. A hole older than `holeMs` is taken for a rolled-back transaction and stepped over.
 */
export function createWatermark(holeMs: number, now = Date.now) {
  let mark = 0;
  const above = new Set<number>();
  let heldSince: number | undefined;

  function advance() {
    const before = mark;
    while (above.delete(mark + 1)) mark++;
    if (above.size === 0) heldSince = undefined;
    else if (mark !== before || heldSince === undefined) heldSince = now();
  }

  return {
    get value() {
      return mark;
    },
    /** Starts over from an id up to which everything is known. */
    reset(to: number) {
      mark = to;
      above.clear();
      heldSince = undefined;
    },
    see(ids: Iterable<number>) {
      for (const id of ids) if (id > mark) above.add(id);
      advance();
    },
    /** Steps over a hole that has held the mark back for `holeMs`. */
    expire() {
      if (heldSince === undefined || now() - heldSince < holeMs) return;
      mark = Math.min(...above) - 1;
      heldSince = undefined;
      advance();
    },
  };
}
export type Watermark = ReturnType<typeof createWatermark>;
