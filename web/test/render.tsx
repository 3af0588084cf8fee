import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { App } from "../app.js";

/** A fresh query client that never retries, so a failure shows at once. */
function testQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
}

export const renderApp = () => render(<App queryClient={testQueryClient()} />);

export const renderWithQuery = (ui: ReactNode) =>
  render(
    <QueryClientProvider client={testQueryClient()}>{ui}</QueryClientProvider>,
  );
