import type { QueryClient } from "@tanstack/react-query";
import type { LiveTicket } from "../../contract/live.js";
import { ApiError } from "../lib/api-client.js";
import { placeTicket, ticketKeys, ticketOptions, ticketSaved } from "./api.js";

/** Fields whose change moves the statistics (counts by status, priority, category; by assignee). */
const COUNTED = ["status", "priority", "category", "assignee"];
/** Several events at once (a bulk change) ask for the statistics once. */
const STATS_DELAY_MS = 50;

/**
 * Applies the live stream's events to this feature's caches: the changed ticket is asked for once
 * (not every loaded page) and put in its place in every loaded list, the open ticket page and its
 * history; the statistics shown are asked for again when a count may have moved.
 */
export function ticketLiveUpdates(queryClient: QueryClient, meId: number) {
  const running = new Map<number, Promise<void>>();
  const again = new Set<number>();
  let statsTimer: ReturnType<typeof setTimeout> | undefined;

  /** One request per ticket at a time; an event during it asks once more after it. */
  const refresh = (id: number) => {
    if (running.has(id)) {
      again.add(id);
      return;
    }
    const run = (async () => {
      // Our own change of it answers first; then one fetch catches up with everyone else's.
      await ticketSaved(queryClient, id);
      do {
        again.delete(id);
        try {
          const ticket = await queryClient.fetchQuery({
            ...ticketOptions(id),
            staleTime: 0,
          });
          placeTicket(queryClient, id, ticket, meId);
        } catch (error) {
          if (error instanceof ApiError && error.status === 404)
            placeTicket(queryClient, id, null, meId);
        }
      } while (again.has(id));
    })().finally(() => running.delete(id));
    running.set(id, run);
  };

  const refreshStats = () => {
    clearTimeout(statsTimer);
    statsTimer = setTimeout(
      () =>
        void queryClient.invalidateQueries({
          queryKey: [...ticketKeys.all, "stats"],
        }),
      STATS_DELAY_MS,
    );
  };

  const history = (id: number) =>
    void queryClient.invalidateQueries({ queryKey: ticketKeys.events(id) });

  return {
    ticket(event: LiveTicket) {
      refresh(event.id);
      history(event.id);
      if (event.created || event.fields.some((f) => COUNTED.includes(f)))
        refreshStats();
    },
    /** A message moves the ticket's last activity (and a requester's reply may reopen it). */
    message(ticketId: number) {
      refresh(ticketId);
      history(ticketId);
    },
    reset() {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    },
  };
}
