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
import type { Person } from "../../contract/people.js";
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

/**
 * Whether a ticket belongs in a list with these filters (search as the server does it: substring,
 * any case, or the ticket's number). Without `meId`, a list of "me" is taken to match.
 */
export function matchesFilters(
  ticket: Ticket,
  filters: TicketFilters,
  meId?: number,
): boolean {
  const term = filters.search?.toLowerCase();
  return (
    (!filters.category || ticket.category === filters.category) &&
    (!filters.priority || ticket.priority === filters.priority) &&
    (!filters.status || ticket.status === filters.status) &&
    matchesAssignee(ticket, filters.assignee, meId) &&
    (!term ||
      ticket.title.toLowerCase().includes(term) ||
      ticket.description.toLowerCase().includes(term) ||
      term.replace(/^#/, "") === String(ticket.id))
  );
}

function matchesAssignee(
  ticket: Ticket,
  assignee?: string,
  meId?: number,
): boolean {
  if (!assignee) return true;
  if (assignee === "none") return ticket.assignee === null;
  if (assignee === "me")
    return meId === undefined || ticket.assignee?.id === meId;
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

export type TicketChange = { id: number; patch: UpdateTicket };

/**
 * Changes a ticket in place at once; if the server refuses, every copy is put back as it was.
 * The saved ticket then replaces its copies, leaves the loaded lists it no longer matches and
 * joins those it now matches; only the statistics and the ticket's history are fetched again, not
 * every loaded page of every list.
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
      for (const [key, data] of listsData()) {
        if (!data) continue;
        const filters = key[2] as TicketFilters;
        const present = data.pages.some((page) =>
          page.tickets.some((t) => t.id === saved.id),
        );
        const matches = matchesFilters(saved, filters, meId);
        if (present)
          queryClient.setQueryData<Pages>(
            key,
            mapTickets(data, (tickets) =>
              matches
                ? tickets.map((t) => (t.id === saved.id ? saved : t))
                : tickets.filter((t) => t.id !== saved.id),
            ),
          );
        // Where it belongs in a list that lacks it is the server's to say.
        else if (matches) void queryClient.invalidateQueries({ queryKey: key });
      }
    },
    onSettled: (_saved, _error, { id }) => {
      void queryClient.invalidateQueries({
        queryKey: [...ticketKeys.all, "stats"],
      });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.events(id) });
    },
  });
}
