import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { useState } from "react";
import { createAppRouter } from "./app/router.js";
import { ApiError, onSessionLost } from "./lib/api-client.js";
import { meOptions, startSession } from "./people/api.js";

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: retryOnce },
      mutations: { retry: false },
    },
  });
}

/** Once, after a network failure or a server error; a 4xx will answer the same again. */
const retryOnce = (failures: number, error: Error) =>
  failures < 1 &&
  !(error instanceof ApiError && error.status >= 400 && error.status < 500);

/** The query cache and the router, made once; a test may bring its own query client. */
function createApp(queryClient: QueryClient) {
  const router = createAppRouter(queryClient);
  // A session that ends (expiry, sign-out elsewhere, disabled) sends the person to sign-in: the
  // signed-in pages' guard runs again and redirects with the address to come back to.
  onSessionLost(() => {
    if (!queryClient.getQueryData(meOptions.queryKey)) return;
    startSession(queryClient, null);
    void router.invalidate();
  });
  return { queryClient, router };
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [app] = useState(() => createApp(queryClient ?? createQueryClient()));
  return (
    <QueryClientProvider client={app.queryClient}>
      <RouterProvider router={app.router} />
    </QueryClientProvider>
  );
}
