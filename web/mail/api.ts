import {
  queryOptions,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { endpoints } from "../../contract/endpoints.js";
import type { TestMail, TicketMail } from "../../contract/mail.js";
import { call } from "../lib/api-client.js";

/** Every query key of e-mail, defined once. */
export const mailKeys = {
  all: ["mail"] as const,
  ticket: (ticketId: number) => [...mailKeys.all, "ticket", ticketId] as const,
  settings: () => [...mailKeys.all, "settings"] as const,
  outbox: (status: "failed" | "pending") =>
    [...mailKeys.all, "outbox", status] as const,
};

const hasPending = (mail: TicketMail | undefined) =>
  mail?.deliveries.some((delivery) => delivery.status === "pending") ?? false;

/** A ticket's mail; looked at again every few seconds while some of it is still on its way. */
export const ticketMailOptions = (ticketId: number) =>
  queryOptions({
    queryKey: mailKeys.ticket(ticketId),
    queryFn: ({ signal }) =>
      call(endpoints.ticketMail, { params: { id: ticketId }, signal }),
    // Every message of the page watches this one query: a message appearing is no reason to ask
    // again (MessageMail asks when a message is newer than the answer).
    staleTime: 30_000,
    refetchInterval: (query) => (hasPending(query.state.data) ? 3000 : false),
  });

export const mailSettingsOptions = () =>
  queryOptions({
    queryKey: mailKeys.settings(),
    queryFn: ({ signal }) => call(endpoints.mailSettings, { signal }),
  });

export const outboxOptions = (status: "failed" | "pending") =>
  queryOptions({
    queryKey: mailKeys.outbox(status),
    queryFn: ({ signal }) =>
      call(endpoints.outbox, { query: { status }, signal }),
  });

export function useSendTestMail() {
  return useMutation({
    mutationFn: (body: TestMail) => call(endpoints.testMail, { body }),
  });
}

export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(endpoints.retryMail, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailKeys.all }),
  });
}
