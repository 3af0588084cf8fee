import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { messageLiveUpdates } from "../conversations/live-updates.js";
import { connectLive } from "../lib/live.js";
import { ticketLiveUpdates } from "../tickets/live-updates.js";

/** The one live stream while someone is signed in, each event handed to the features it concerns. */
export function useLiveUpdates(meId: number): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const tickets = ticketLiveUpdates(queryClient, meId);
    const messages = messageLiveUpdates(queryClient);
    return connectLive(queryClient, {
      ticket: tickets.ticket,
      message(event) {
        messages.message(event);
        tickets.message(event.ticket_id);
      },
      reset() {
        tickets.reset();
        messages.reset();
      },
    });
  }, [queryClient, meId]);
}
