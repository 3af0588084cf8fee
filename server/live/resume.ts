import type { Actor } from "../http/route.js";
import type { LiveRepo } from "./repo.js";
import { format, toEvents } from "./sse.js";

/**
 * The start of a stream: for a client sending Last-Event-ID, the events it missed that it may
 * hear of (or `reset` when the id is unknown or too far back); then `ready`, carrying the id from
 * which a later resume starts. `mark` is the hub's watermark.
 */
export async function opening(
  repo: LiveRepo,
  actor: Actor,
  lastEventId: string | undefined,
  { mark, replayMax }: { mark: number; replayMax: number },
): Promise<string[]> {
  if (lastEventId === undefined) return [format("ready", {}, mark)];
  const from = Number(lastEventId);
  const known =
    Number.isSafeInteger(from) && from >= 0 && from <= (await repo.latestId());
  const missed = known ? await repo.after(from, actor, replayMax + 1) : [];
  if (!known || missed.length > replayMax)
    return [format("reset", {}), format("ready", {}, mark)];
  return [
    ...toEvents(missed, actor).map(({ event, data }) => format(event, data)),
    // A client resuming from a process that is ahead of this one keeps its id.
    format("ready", {}, Math.max(mark, from)),
  ];
}
