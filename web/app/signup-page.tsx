import { useQuery } from "@tanstack/react-query";
import { createRoute, Link } from "@tanstack/react-router";
import { setupStatusOptions, useSignup } from "../people/api.js";
import { AccountForm } from "../people/account-form.js";
import { publicRoute } from "./public-layout.js";

export const signupRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "/signup",
  component: SignupPage,
});

/** Customers create their own account, when the desk allows it (SIGNUP=open). */
function SignupPage() {
  const status = useQuery(setupStatusOptions);
  const signup = useSignup();
  const navigate = signupRoute.useNavigate();
  return (
    <>
      <h1>Create an account</h1>
      {status.isPending && (
        <p role="status" className="muted">
          Loading…
        </p>
      )}
      {status.data?.signup === "closed" && (
        <p>This desk does not take sign-ups: ask its team for an invitation.</p>
      )}
      {status.data?.signup === "open" && (
        <AccountForm
          label="Create an account"
          submitLabel="Create account"
          pending={signup.isPending}
          error={signup.error}
          onSubmit={(account) =>
            signup.mutate(account, {
              onSuccess: () => void navigate({ to: "/" }),
            })
          }
        />
      )}
      <p>
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </>
  );
}
