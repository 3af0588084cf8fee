import { useQuery } from "@tanstack/react-query";
import { createRoute, Link, redirect } from "@tanstack/react-router";
import { meOptions, setupStatusOptions } from "../people/api.js";
import { SignInForm } from "../people/sign-in-form.js";
import { publicRoute } from "./public-layout.js";

/** Only a path on this site: a link to /signin must not send anyone elsewhere after signing in. */
const localPath = (value: unknown) =>
  typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : undefined;

export const signinRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: "/signin",
  validateSearch: (search): { redirect?: string } => ({
    redirect: localPath(search.redirect),
  }),
  beforeLoad: async ({ context, search }) => {
    if (await context.queryClient.ensureQueryData(meOptions))
      throw redirect({ href: search.redirect ?? "/" });
  },
  component: SignInPage,
});

function SignInPage() {
  const { redirect: back } = signinRoute.useSearch();
  const navigate = signinRoute.useNavigate();
  const status = useQuery(setupStatusOptions);
  return (
    <>
      <h1>Sign in</h1>
      {back && <p className="muted">Sign in to continue where you were.</p>}
      {status.data?.needed && (
        <p className="warning">
          This desk has no admin yet: open the setup link that the server
          printed when it started.
        </p>
      )}
      <SignInForm onSignedIn={() => void navigate({ href: back ?? "/" })} />
      {status.data?.signup === "open" && (
        <p>
          New here? <Link to="/signup">Create an account</Link>
        </p>
      )}
    </>
  );
}
