import { useQuery } from "@tanstack/react-query";
import { createRoute, Link } from "@tanstack/react-router";
import { Setup } from "../../contract/people.js";
import { setupStatusOptions, useSetup } from "../people/api.js";
import { AccountForm } from "../people/account-form.js";
import { publicRoute } from "./public-layout.js";

export const setupRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "/setup",
  validateSearch: (search): { token?: string } => {
    const token = Setup.shape.token.safeParse(search.token);
    return token.success ? { token: token.data } : {};
  },
  component: SetupPage,
});

/** The first visitor of a new desk creates its admin with the link the server printed. */
function SetupPage() {
  const { token } = setupRoute.useSearch();
  const status = useQuery(setupStatusOptions);
  const setup = useSetup();
  const navigate = setupRoute.useNavigate();
  return (
    <>
      <h1>Set up Ticketdesk</h1>
      {status.data?.needed === false ? (
        <p>
          This desk already has an admin. <Link to="/signin">Sign in</Link>
        </p>
      ) : !token ? (
        <p>
          Open the setup link that the server printed when it started: it
          carries a one-time token.
        </p>
      ) : (
        <>
          <p className="muted">Create the first admin account of this desk.</p>
          <AccountForm
            label="Create the admin account"
            submitLabel="Create admin account"
            pending={setup.isPending}
            error={setup.error}
            onSubmit={(account) =>
              setup.mutate(
                { ...account, token },
                { onSuccess: () => void navigate({ to: "/people" }) },
              )
            }
          />
        </>
      )}
    </>
  );
}
