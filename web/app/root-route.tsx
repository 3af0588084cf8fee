import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  Link,
  Outlet,
  useRouter,
  type ErrorComponentProps,
} from "@tanstack/react-router";

export type RouterContext = { queryClient: QueryClient };

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: Failed,
});

/** A page that could not load (the server down while checking the session, a bad address). */
function Failed({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <main className="narrow" id="main">
      <div role="alert" className="panel">
        <h1>Something went wrong</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        <button
          type="button"
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          Try again
        </button>
      </div>
    </main>
  );
}

function NotFound() {
  return (
    <main className="narrow" id="main">
      <div className="panel">
        <h1>Page not found</h1>
        <p>
          <Link to="/">Go to the tickets</Link>
        </p>
      </div>
    </main>
  );
}
