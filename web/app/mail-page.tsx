import { createRoute, redirect } from "@tanstack/react-router";
import { ErrorBoundary } from "../components/error-boundary.js";
import { MailSettingsPanel } from "../mail/mail-settings-panel.js";
import { OutboxTable } from "../mail/outbox-table.js";
import { signedInRoute } from "./signed-in-layout.js";

/** Admins: the mail settings, a test mail, and the mail the desk gave up on. */
export const mailRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/mail",
  beforeLoad: ({ context }) => {
    if (context.me.role !== "admin") throw redirect({ to: "/" });
  },
  component: MailPage,
});

function MailPage() {
  return (
    <div className="page">
      <h1>Mail</h1>
      <div className="panel">
        <ErrorBoundary region="the mail settings">
          <MailSettingsPanel />
        </ErrorBoundary>
      </div>
      <div className="panel">
        <ErrorBoundary region="the failed mail">
          <OutboxTable />
        </ErrorBoundary>
      </div>
    </div>
  );
}
