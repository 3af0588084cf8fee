import type { QueryClient } from "@tanstack/react-query";
import { endpoints } from "../../contract/endpoints.js";
import {
  LiveMessage,
  LiveTicket,
  type LiveEventName,
} from "../../contract/live.js";

/** Whether the stream is open and caught up. Kept in the query cache, per app. */
export const liveKey = ["live"] as const;

export const isLive = (queryClient: QueryClient): boolean =>
  queryClient.getQueryData(liveKey) === true;

/** What the app does with each event; each feature applies it to the caches it owns. */
export type LiveHandlers = {
  ticket: (event: LiveTicket) => void;
  message: (event: LiveMessage) => void;
  /** Events may have been missed: what was loaded may be out of date. */
  reset: () => void;
};

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * The one live stream of the app (GET /api/events, Server-Sent Events). A dropped connection is
 * resumed by the browser with Last-Event-ID (the server replays what was missed, or says `reset`);
 * a stream the server ended or refused (restart, 503, sign-out) is opened again with backoff, and
 * since a new stream cannot resume, what was loaded is then refreshed (`reset`). Returns `close`.
 */
export function connectLive(
  queryClient: QueryClient,
  handlers: LiveHandlers,
  Source: typeof EventSource | undefined = globalThis.EventSource,
): () => void {
  if (!Source) return () => {};
  let source: EventSource | undefined;
  let retryMs = RETRY_FIRST_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // What was loaded before the first `ready` may miss a change committed before the stream
  // listened, and a new stream cannot resume: both refresh what is loaded once it is ready.
  let stale = true;
  const setLive = (live: boolean) => queryClient.setQueryData(liveKey, live);

  const on = <T>(
    name: LiveEventName,
    schema: { safeParse: (v: unknown) => { success: boolean; data?: T } },
    handle: (data: T) => void,
  ) =>
    source!.addEventListener(name, (event) => {
      let json: unknown;
      try {
        json = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) handle(parsed.data as T);
    });

  const open = () => {
    source = new Source(endpoints.liveEvents.path);
    source.addEventListener("ready", () => {
      retryMs = RETRY_FIRST_MS;
      if (stale) handlers.reset();
      stale = false;
      setLive(true);
    });
    on("ticket", LiveTicket, handlers.ticket);
    on("message", LiveMessage, handlers.message);
    source.addEventListener("reset", () => handlers.reset());
    source.onerror = () => {
      setLive(false);
      if (source?.readyState !== Source.CLOSED) return;
      stale = true;
      timer = setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
  };
  open();
  return () => {
    clearTimeout(timer);
    source?.close();
    setLive(false);
  };
}

/** For the header: whether changes made elsewhere show up by themselves right now. */
export const liveStatusOptions = {
  queryKey: liveKey,
  queryFn: () => false,
  enabled: false,
  staleTime: Infinity,
} as const;
