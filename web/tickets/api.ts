import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
  type InfiniteData,
} from "@tanstack/react-query";
import type {
  ClassifyRequest,
  ClassifyResponse,
} from "../../contract/classify.js";
import { endpoints } from "../../contract/endpoints.js";
import type {
  CreateTicket,
  Ticket,
  TicketFilters,
  UpdateTicket,
} from "../../contract/tickets.js";
import { call, request } from "../lib/api-client.js";

/** Every query key of this feature, defined once; mutations invalidate through them. */
export const ticketKeys = {
  all: ["tickets"] as const,
  lists: () => [...ticketKeys.all, "list"] as const,
  list: (filters: TicketFilters) => [...ticketKeys.lists(), filters] as const,
  stats: (filters: TicketFilters) =>
    [...ticketKeys.all, "stats", filters] as const,
  one: (id: number) => [...ticketKeys.all, "one", id] as const,
  events: (id: number) => [...ticketKeys.all, "events", id] as const,
};

export type Page = { tickets: Ticket[]; next?: string };
type Pages = InfiniteData<Page, string | undefined>;

/** The cursor of the `Link: <…?cursor=…>; rel="next"` header, if there is a next page. */
export function nextCursor(link: string | null): string | undefined {
  const target = link?.match(/<([^>]+)>\s*;\s*rel="next"/)?.[1];
  if (!target) return undefined;
  return (
    new URL(target, "http://localhost").searchParams.get("cursor") ?? undefined
  );
}

export const ticketListOptions = (filters: TicketFilters) =>
  infiniteQueryOptions({
    queryKey: ticketKeys.list(filters),
    queryFn: async ({ pageParam, signal }): Promise<Page> => {
      const { data, headers } = await request(endpoints.listTickets, {
        query: { ...filters, cursor: pageParam },
        signal,
      });
      return { tickets: data, next: nextCursor(headers.get("link")) };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
  });

const STATS_REFRESH_MS = 30_000;

export const statsOptions = (filters: TicketFilters) =>
  queryOptions({
    queryKey: ticketKeys.stats(filters),
    queryFn: ({ signal }) =>
      call(endpoints.ticketStats, { query: filters, signal }),
    refetchInterval: STATS_REFRESH_MS,
  });

export const ticketOptions = (id: number) =>
  queryOptions({
    queryKey: ticketKeys.one(id),
    queryFn: ({ signal }) =>
      call(endpoints.getTicket, { params: { id }, signal }),
  });

export const ticketEventsOptions = (id: number) =>
  queryOptions({
    queryKey: ticketKeys.events(id),
    queryFn: ({ signal }) =>
      call(endpoints.ticketEvents, { params: { id }, signal }),
  });

export const classifyTicket = (
  body: ClassifyRequest,
  signal: AbortSignal,
): Promise<ClassifyResponse> => call(endpoints.classify, { body, signal });

/** Whether a ticket belongs in a list with these filters (search as the server does it: substring, any case). */
export function matchesFilters(
  ticket: Ticket,
  filters: TicketFilters,
): boolean {
  const term = filters.search?.toLowerCase();
  return (
    (!filters.category || ticket.category === filters.category) &&
    (!filters.priority || ticket.priority === filters.priority) &&
    (!filters.status || ticket.status === filters.status) &&
    matchesAssignee(ticket, filters.assignee) &&
    (!term ||
      ticket.title.toLowerCase().includes(term) ||
      ticket.description.toLowerCase().includes(term))
  );
}

/** `me` is never known here: such a list catches up when it reloads. */
function matchesAssignee(ticket: Ticket, assignee?: string): boolean {
  if (!assignee) return true;
  if (assignee === "none") return ticket.assignee === null;
  return String(ticket.assignee?.id) === assignee;
}

/** Creates a ticket; it appears at once at the top of every loaded list it belongs in. */
export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicket) => call(endpoints.createTicket, { body }),
    onSuccess: (ticket) => {
      for (const [key, data] of queryClient.getQueriesData<Pages>({
        queryKey: ticketKeys.lists(),
      })) {
        const filters = key[2] as TicketFilters;
        const [first, ...rest] = data?.pages ?? [];
        if (!data || !first || !matchesFilters(ticket, filters)) continue;
        queryClient.setQueryData<Pages>(key, {
          ...data,
          pages: [{ ...first, tickets: [ticket, ...first.tickets] }, ...rest],
        });
      }
      // Not awaited: the form resets at once, the lists and stats catch up in the background.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}

/** Changes a ticket in place at once; if the server refuses, every copy is put back as it was. */
export function useUpdateTicket(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTicket) =>
      call(endpoints.updateTicket, { params: { id }, body }),
    onMutate: async (patch) => {
      const { assignee_id: _, ...fields } = patch;
      const change = (ticket: Ticket) =>
        ticket.id === id ? { ...ticket, ...fields } : ticket;
      await queryClient.cancelQueries({ queryKey: ticketKeys.all });
      const before = [
        ...queryClient.getQueriesData<Pages>({ queryKey: ticketKeys.lists() }),
        ...queryClient.getQueriesData<Ticket>({ queryKey: ticketKeys.one(id) }),
      ];
      queryClient.setQueriesData<Pages>(
        { queryKey: ticketKeys.lists() },
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              tickets: page.tickets.map(change),
            })),
          },
      );
      queryClient.setQueryData<Ticket>(
        ticketKeys.one(id),
        (ticket) => ticket && change(ticket),
      );
      return { before };
    },
    onError: (_error, _patch, context) => {
      for (const [key, data] of context?.before ?? [])
        queryClient.setQueryData(key, data);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}
