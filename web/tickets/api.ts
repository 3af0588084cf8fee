import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
  type InfiniteData,
} from "@tanstack/react-query";
import {
  ClassifyResponse,
  type ClassifyRequest,
} from "../../contract/classify.js";
import {
  Stats,
  Ticket,
  TicketList,
  type CreateTicket,
  type TicketFilters,
  type UpdateTicket,
} from "../../contract/tickets.js";
import { api } from "../lib/api-client.js";

/** Every query key of this feature, defined once; mutations invalidate through them. */
export const ticketKeys = {
  all: ["tickets"] as const,
  lists: () => [...ticketKeys.all, "list"] as const,
  list: (filters: TicketFilters) => [...ticketKeys.lists(), filters] as const,
  stats: (filters: TicketFilters) =>
    [...ticketKeys.all, "stats", filters] as const,
};

export type Page = { tickets: Ticket[]; next?: string };
type Pages = InfiniteData<Page, string | undefined>;

export function toQuery(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value) query.set(key, value);
  return query.toString();
}

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
      const query = toQuery({ ...filters, cursor: pageParam });
      const { data, headers } = await api(
        `/api/tickets/?${query}`,
        TicketList,
        {
          signal,
        },
      );
      return { tickets: data, next: nextCursor(headers.get("link")) };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
  });

const STATS_REFRESH_MS = 30_000;

export const statsOptions = (filters: TicketFilters) =>
  queryOptions({
    queryKey: ticketKeys.stats(filters),
    queryFn: async ({ signal }) =>
      (await api(`/api/tickets/stats/?${toQuery(filters)}`, Stats, { signal }))
        .data,
    refetchInterval: STATS_REFRESH_MS,
  });

export async function classifyTicket(
  input: ClassifyRequest,
  signal: AbortSignal,
): Promise<ClassifyResponse> {
  const { data } = await api("/api/tickets/classify/", ClassifyResponse, {
    method: "POST",
    body: input,
    signal,
  });
  return data;
}

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
    (!term ||
      ticket.title.toLowerCase().includes(term) ||
      ticket.description.toLowerCase().includes(term))
  );
}

/** Creates a ticket; it appears at once at the top of every loaded list it belongs in. */
export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateTicket) =>
      (await api("/api/tickets/", Ticket, { method: "POST", body: input }))
        .data,
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

/** Changes a ticket in place at once; if the server refuses, every list is put back as it was. */
export function useUpdateTicket(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: UpdateTicket) =>
      (
        await api(`/api/tickets/${id}/`, Ticket, {
          method: "PATCH",
          body: patch,
        })
      ).data,
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: ticketKeys.lists() });
      const before = queryClient.getQueriesData<Pages>({
        queryKey: ticketKeys.lists(),
      });
      queryClient.setQueriesData<Pages>(
        { queryKey: ticketKeys.lists() },
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              tickets: page.tickets.map((ticket) =>
                ticket.id === id ? { ...ticket, ...patch } : ticket,
              ),
            })),
          },
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
