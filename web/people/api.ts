import {
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { endpoints } from "../../contract/endpoints.js";
import type {
  AcceptInvite,
  CreateToken,
  CreateUser,
  Login,
  Setup,
  Signup,
  UpdateUser,
  User,
  UserQuery,
} from "../../contract/people.js";
import { ApiError, call } from "../lib/api-client.js";

/** Every query key of this feature, defined once; mutations invalidate through them. */
export const peopleKeys = {
  me: ["me"] as const,
  setup: ["setup"] as const,
  users: (query: UserQuery) => ["people", "users", query] as const,
  allUsers: ["people", "users"] as const,
  tokens: ["people", "tokens"] as const,
};

/** The signed-in person, or null: a 401 here is an answer ("nobody"), not a failure. */
export const meOptions = queryOptions({
  queryKey: peopleKeys.me,
  queryFn: async ({ signal }): Promise<User | null> => {
    try {
      return (await call(endpoints.me, { signal })).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  // Learnt again on a reload; a session that ends meanwhile shows as a 401 on the next call.
  staleTime: Infinity,
});

export const setupStatusOptions = queryOptions({
  queryKey: peopleKeys.setup,
  queryFn: ({ signal }) => call(endpoints.setupStatus, { signal }),
});

/** A new person is signed in: nothing cached for the one before may show. */
export function startSession(queryClient: QueryClient, user: User | null) {
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== peopleKeys.me[0],
  });
  queryClient.setQueryData(peopleKeys.me, user);
}

function useSignInWith<T>(signIn: (input: T) => Promise<{ user: User }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: T) => (await signIn(input)).user,
    onSuccess: (user) => startSession(queryClient, user),
  });
}

export const useLogin = () =>
  useSignInWith((body: Login) => call(endpoints.login, { body }));
export const useSignup = () =>
  useSignInWith((body: Signup) => call(endpoints.signup, { body }));
export const useSetup = () =>
  useSignInWith((body: Setup) => call(endpoints.setup, { body }));
export const useAcceptInvite = () =>
  useSignInWith((body: AcceptInvite) => call(endpoints.acceptInvite, { body }));

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(endpoints.logout),
    onSuccess: () => startSession(queryClient, null),
  });
}

export const usersOptions = (query: UserQuery = {}) =>
  queryOptions({
    queryKey: peopleKeys.users(query),
    queryFn: ({ signal }) => call(endpoints.listUsers, { query, signal }),
  });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => call(endpoints.createUser, { body }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: peopleKeys.allUsers }),
  });
}

export function useUpdateUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUser) =>
      call(endpoints.updateUser, { params: { id }, body }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: peopleKeys.allUsers }),
  });
}

export const tokensOptions = queryOptions({
  queryKey: peopleKeys.tokens,
  queryFn: ({ signal }) => call(endpoints.listTokens, { signal }),
});

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateToken) => call(endpoints.createToken, { body }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: peopleKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(endpoints.revokeToken, { params: { id } }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: peopleKeys.tokens }),
  });
}
