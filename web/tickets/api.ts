import {
  infiniteQueryOptions,
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import type {
  ClassifyRequest,
  ClassifyResponse,
} from "../../contract/classify.js";
import { endpoints } from "../../contract/endpoints.js";
import {
  SEARCH_SCANNED_HEADER,
  type CreateTicket,
  type Ticket,
  type TicketFilters,
  type UpdateTicket,
} from "../../contract/tickets.js";
import type { Person } from "../../contract/people.js";
import { call, request } from "../lib/api-client.js";
import { isLive } from "../lib/live.js";
import type { ListView } from "./filters-from-search.js";
import {
  matchesFilters,
  placeIn,
  type Page,
  type Pages,
} from "./list-cache.js";

export { matchesFilters, type Page };

/** Every query key of this feature, defined once; mutations invalidate through them. */
export const ticketKeys = {
  all: ["tickets"] as const,
  lists: () => [...ticketKeys.all, "list"] as const,
  list: (view: ListView) => [...ticketKeys.lists(), view] as const,
  stats: (filters: TicketFilters) =>
    [...ticketKeys.all, "stats", filters] as const,
  one: (id: number) => [...ticketKeys.all, "one", id] as const,
  events: (id: number) => [...ticketKeys.all, "events", id] as const,
  update: () => [...ticketKeys.all, "update"] as const,
};

/** The cursor of the `Link: <…?cursor=…>; rel="next"` header, if there is a next page. */
export function nextCursor(link: string | null): string | undefined {
  const target = link?.match(/<([^>]+)>\s*;\s*rel="next"/)?.[1];
  if (!target) return undefined;
  return (
    new URL(target, "http://localhost").searchParams.get("cursor") ?? undefined
  );
}

export const ticketListOptions = (view: ListView) =>
  infiniteQueryOptions({
    queryKey: ticketKeys.list(view),
    queryFn: async ({ pageParam, signal }): Promise<Page> => {
      const { data, headers } = await request(endpoints.listTickets, {
        query: { ...view, cursor: pageParam },
        signal,
      });
      const scanned = headers.get(SEARCH_SCANNED_HEADER);
      return {
        tickets: data,
        next: nextCursor(headers.get("link")),
        ...(scanned !== null && { scanned: Number(scanned) }),
      };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
  });

/** Kept current by the live stream (web/lib/live.ts), not by polling. */
export const statsOptions = (filters: TicketFilters) =>
  queryOptions({
    queryKey: ticketKeys.stats(filters),
    queryFn: ({ signal }) =>
      call(endpoints.ticketStats, { query: filters, signal }),
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

/** The people a ticket can be assigned to: agents and admins who are not disabled. */
export const assigneesOptions = () =>
  queryOptions({
    queryKey: ["assignees"],
    queryFn: async ({ signal }) => {
      const [agents, admins] = await Promise.all(
        (["agent", "admin"] as const).map((role) =>
          call(endpoints.listUsers, { query: { role }, signal }),
        ),
      );
      return [...(agents ?? []), ...(admins ?? [])]
        .filter((person) => !person.disabled)
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 5 * 60_000,
  });

export const classifyTicket = (
  body: ClassifyRequest,
  signal: AbortSignal,
): Promise<ClassifyResponse> => call(endpoints.classify, { body, signal });

/** Every loaded list with the ticket in its place (or out of it, `null`: gone), without asking the server. */
export function placeTicket(
  queryClient: QueryClient,
  id: number,
  ticket: Ticket | null,
  meId?: number,
): void {
  for (const [key, data] of queryClient.getQueriesData<Pages>({
    queryKey: ticketKeys.lists(),
  })) {
    if (!data) continue;
    const next = placeIn(data, key[2] as ListView, id, ticket, meId);
    if (next !== data) queryClient.setQueryData<Pages>(key, next);
  }
}

/** What a change alters beyond the ticket itself, asked for again when no live stream will say. */
function refreshAround(queryClient: QueryClient, id: number): void {
  if (isLive(queryClient)) return;
  void queryClient.invalidateQueries({
    queryKey: [...ticketKeys.all, "stats"],
  });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.events(id) });
}

/** Creates a ticket; it appears at once in its place in every loaded list it belongs in. */
export function useCreateTicket(meId?: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicket) => call(endpoints.createTicket, { body }),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.one(ticket.id), ticket);
      placeTicket(queryClient, ticket.id, ticket, meId);
      refreshAround(queryClient, ticket.id);
    },
  });
}

export type TicketChange = { id: number; patch: UpdateTicket };

/**
 * Resolves once no change of ticket `id` made in this app is being saved: what the save answers
 * (and what it took out of a list, with its Undo notice) comes first.
 */
export function ticketSaved(queryClient: QueryClient, id: number) {
  const cache = queryClient.getMutationCache();
  const saving = () =>
    cache
      .findAll({ mutationKey: ticketKeys.update(), status: "pending" })
      .some((m) => (m.state.variables as TicketChange | undefined)?.id === id);
  return new Promise<void>((resolve) => {
    if (!saving()) return resolve();
    const stop = cache.subscribe(() => {
      if (saving()) return;
      stop();
      resolve();
    });
  });
}

/**
 * Changes a ticket in place at once; if the server refuses, every copy is put back as it was.
 * The saved ticket then replaces its copies, leaves the loaded lists it no longer matches and
 * joins those it now matches in its place; no list is fetched again. The statistics and the
 * history follow from the live stream's event (or are asked for again when the stream is down).
 */
export function useUpdateTicket(meId?: number) {
  const queryClient = useQueryClient();
  const listsData = () =>
    queryClient.getQueriesData<Pages>({ queryKey: ticketKeys.lists() });
  const mapTickets = (data: Pages, f: (t: Ticket[]) => Ticket[]): Pages => ({
    ...data,
    pages: data.pages.map((page) => ({ ...page, tickets: f(page.tickets) })),
  });
  return useMutation({
    mutationKey: ticketKeys.update(),
    mutationFn: ({ id, patch }: TicketChange) =>
      call(endpoints.updateTicket, { params: { id }, body: patch }),
    onMutate: async ({ id, patch }) => {
      const { assignee_id, ...fields } = patch;
      const people = queryClient.getQueryData<Person[]>(["assignees"]);
      const assignee =
        assignee_id === undefined
          ? {}
          : { assignee: people?.find((p) => p.id === assignee_id) ?? null };
      const change = (ticket: Ticket) =>
        ticket.id === id ? { ...ticket, ...fields, ...assignee } : ticket;
      await queryClient.cancelQueries({ queryKey: ticketKeys.all });
      const before = [
        ...listsData(),
        ...queryClient.getQueriesData<Ticket>({ queryKey: ticketKeys.one(id) }),
      ];
      for (const [key, data] of listsData())
        if (data)
          queryClient.setQueryData<Pages>(
            key,
            mapTickets(data, (tickets) => tickets.map(change)),
          );
      queryClient.setQueryData<Ticket>(
        ticketKeys.one(id),
        (ticket) => ticket && change(ticket),
      );
      return { before };
    },
    onError: (_error, _change, context) => {
      for (const [key, data] of context?.before ?? [])
        queryClient.setQueryData(key, data);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(ticketKeys.one(saved.id), saved);
      placeTicket(queryClient, saved.id, saved, meId);
    },
    onSettled: (_saved, _error, { id }) => refreshAround(queryClient, id),
  });
}
