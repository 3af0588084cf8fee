import { createRoute, Outlet } from "@tanstack/react-router";
import { rootRoute } from "./root-route.js";

/** Sign-in, sign-up, setup and invitation: one narrow card, nothing that needs a session. */
export const publicRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "public",
  component: PublicLayout,
});

function PublicLayout() {
  return (
    <>
      <header className="app-header">
        <p className="brand">Ticketdesk</p>
      </header>
      <main className="narrow" id="main">
        <div className="panel">
          <Outlet />
        </div>
      </main>
    </>
  );
}
