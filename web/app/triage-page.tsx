import { createRoute, redirect } from "@tanstack/react-router";
import { ErrorBoundary } from "../components/error-boundary.js";
import { TriageQualityPanel } from "../triage/quality-panel.js";
import { signedInRoute } from "./signed-in-layout.js";

/** Agents: how good the suggestions are. A page of its own, not under a queue that keeps loading. */
export const triageRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/triage",
  beforeLoad: ({ context }) => {
    if (context.me.role === "requester") throw redirect({ to: "/" });
  },
  component: TriagePage,
});

function TriagePage() {
  return (
    <div className="page">
      <h1>Triage</h1>
      <div className="panel">
        <ErrorBoundary region="the suggestion quality">
          <TriageQualityPanel />
        </ErrorBoundary>
      </div>
    </div>
  );
}
