import {
  queryOptions,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { endpoints } from "../../contract/endpoints.js";
import type { CreateMessage, Message } from "../../contract/messages.js";
import { call } from "../lib/api-client.js";

/** Every query key of the conversation, defined once. */
export const messageKeys = {
  all: ["messages"] as const,
  list: (ticketId: number) => [...messageKeys.all, ticketId] as const,
};

export const messagesOptions = (ticketId: number) =>
  queryOptions({
    queryKey: messageKeys.list(ticketId),
    queryFn: ({ signal }) =>
      call(endpoints.listMessages, { params: { id: ticketId }, signal }),
  });

/**
 * Posts a reply or an internal note; it joins the conversation at once from the server's answer
 * (no refetch). `onPosted` lets the page refresh what a message changes on the ticket when no live
 * stream will tell it (its last activity, a reopened status).
 */
export function usePostMessage(ticketId: number, onPosted?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMessage) =>
      call(endpoints.postMessage, { params: { id: ticketId }, body }),
    onSuccess: (message) => {
      queryClient.setQueryData<Message[]>(
        messageKeys.list(ticketId),
        (messages) => addMessage(messages, message),
      );
      onPosted?.();
    },
  });
}

/** The conversation with `message` in its place (oldest first), once even if it came twice. */
export function addMessage(
  messages: Message[] | undefined,
  message: Message,
): Message[] | undefined {
  if (!messages || messages.some((m) => m.id === message.id)) return messages;
  return [...messages, message].sort((a, b) => a.id - b.id);
}
