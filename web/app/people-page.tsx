import { createRoute, redirect } from "@tanstack/react-router";
import { InviteForm } from "../people/invite-form.js";
import { PeopleTable } from "../people/people-table.js";
import { signedInRoute } from "./signed-in-layout.js";

/** Admins manage people here; agents may look. */
export const peopleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/people",
  beforeLoad: ({ context }) => {
    if (context.me.role === "requester") throw redirect({ to: "/" });
  },
  component: PeoplePage,
});

function PeoplePage() {
  const { me } = peopleRoute.useRouteContext();
  return (
    <div className="page">
      <h1>People</h1>
      {me.role === "admin" && (
        <div className="panel">
          <InviteForm />
        </div>
      )}
      <section className="panel" aria-labelledby="people-heading">
        <h2 id="people-heading">
          {me.role === "admin" ? "Everyone" : "Agents and requesters"}
        </h2>
        <PeopleTable me={me} />
      </section>
    </div>
  );
}
