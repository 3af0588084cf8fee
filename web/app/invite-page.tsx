import { createRoute } from "@tanstack/react-router";
import { AcceptInvite } from "../../contract/people.js";
import { SetPasswordForm } from "../people/set-password-form.js";
import { publicRoute } from "./public-layout.js";

export const inviteRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "/invite",
  validateSearch: (search): { token?: string } => {
    const token = AcceptInvite.shape.token.safeParse(search.token);
    return token.success ? { token: token.data } : {};
  },
  component: InvitePage,
});

/** An invited person chooses their password and is signed in. */
function InvitePage() {
  const { token } = inviteRoute.useSearch();
  const navigate = inviteRoute.useNavigate();
  return (
    <>
      <h1>Welcome to Ticketdesk</h1>
      {token ? (
        <>
          <p className="muted">Choose a password to finish your account.</p>
          <SetPasswordForm
            token={token}
            onSignedIn={() => void navigate({ to: "/" })}
          />
        </>
      ) : (
        <p>
          This page needs the invitation link you were sent: open that link
          instead.
        </p>
      )}
    </>
  );
}
