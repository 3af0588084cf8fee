import {
  createRoute,
  Link,
  Outlet,
  redirect,
  useNavigate,
} from "@tanstack/react-router";
import { LiveStatus } from "../components/live-status.js";
import { ShortcutsHelp } from "../components/shortcuts-help.js";
import { meOptions } from "../people/api.js";
import { PersonMenu } from "../people/person-menu.js";
import { rootRoute } from "./root-route.js";
import { useLiveUpdates } from "./use-live-updates.js";

/**
 * Every page that needs a person: without a session it sends them to sign-in, with the address
 * they asked for, to come back to it afterwards.
 */
export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meOptions);
    if (!me)
      throw redirect({ to: "/signin", search: { redirect: location.href } });
    return { me };
  },
  component: SignedInLayout,
});

function SignedInLayout() {
  const { me } = signedInRoute.useRouteContext();
  const navigate = useNavigate();
  useLiveUpdates(me.id);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Ticketdesk
        </Link>
        <nav aria-label="Main" className="main-nav">
          <Link to="/" activeOptions={{ exact: true, includeSearch: false }}>
            {me.role === "requester" ? "My tickets" : "Tickets"}
          </Link>
          {me.role !== "requester" && <Link to="/people">People</Link>}
          {me.role !== "requester" && <Link to="/triage">Triage</Link>}
        </nav>
        <LiveStatus />
        <ShortcutsHelp />
        <PersonMenu
          me={me}
          onSignedOut={() => void navigate({ to: "/signin" })}
        />
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
