import type { QueryClient } from "@tanstack/react-query";
import type { LiveMessage } from "../../contract/live.js";
import { messageKeys } from "./api.js";

/** A new message: the conversation is asked for again if it is on screen (marked stale otherwise). */
export function messageLiveUpdates(queryClient: QueryClient) {
  return {
    message(event: LiveMessage) {
      const messages = queryClient.getQueryData<{ id: number }[]>(
        messageKeys.list(event.ticket_id),
      );
      if (messages?.some((m) => m.id === event.id)) return;
      void queryClient.invalidateQueries({
        queryKey: messageKeys.list(event.ticket_id),
      });
    },
    reset() {
      void queryClient.invalidateQueries({ queryKey: messageKeys.all });
    },
  };
}
