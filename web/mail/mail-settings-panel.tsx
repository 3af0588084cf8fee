import { useQuery } from "@tanstack/react-query";
import { useSendTestMail, mailSettingsOptions } from "./api.js";

/** The mail settings as configured (read-only) and a button that sends the admin a test mail. */
export function MailSettingsPanel() {
  const query = useQuery(mailSettingsOptions());
  const send = useSendTestMail();
  if (query.isPending)
    return (
      <p role="status" className="muted">
        Loading the mail settings…
      </p>
    );
  if (query.isError)
    return (
      <p role="alert" className="error">
        Could not load the mail settings: {query.error.message}
      </p>
    );
  const { outbound, inbound, public_url } = query.data;
  return (
    <section aria-labelledby="mail-settings-heading">
      <h2 id="mail-settings-heading">Settings</h2>
      <p className="muted">
        Set in the server's configuration (SMTP_URL, MAIL_FROM, IMAP_URL,
        INBOUND_TOKEN, INBOUND_SENDERS, MAIL_ATTACHMENT_MAX_MB, PUBLIC_URL);
        change them there and restart.
      </p>
      <dl className="settings-list">
        <dt>Outgoing mail</dt>
        <dd>{outbound.enabled ? "On" : "Off: SMTP_URL is not set"}</dd>
        <dt>SMTP server</dt>
        <dd>{outbound.smtp ?? "—"}</dd>
        <dt>From</dt>
        <dd>{outbound.from ?? "—"}</dd>
        <dt>Replies go to</dt>
        <dd>{outbound.reply_to_example ?? "—"} (for ticket #123)</dd>
        <dt>Incoming mail from</dt>
        <dd>
          {inbound.imap.length > 0
            ? inbound.imap.join(", ")
            : "No IMAP mailbox"}
          {inbound.endpoint ? "; POST /api/inbound/email is on" : ""}
        </dd>
        <dt>New senders</dt>
        <dd>
          {inbound.senders === "anyone"
            ? "Anyone: a new address becomes a requester"
            : "Known people only"}
        </dd>
        <dt>Attachments kept up to</dt>
        <dd>
          {(inbound.attachment_max_bytes / 1024 / 1024).toFixed(0)} MB each
        </dd>
        <dt>Links point at</dt>
        <dd>{public_url}</dd>
      </dl>
      <button
        type="button"
        disabled={!outbound.enabled || send.isPending}
        onClick={() => send.mutate({})}
      >
        {send.isPending ? "Sending…" : "Send a test mail"}
      </button>
      <div aria-live="polite">
        {send.isSuccess && (
          <p className="success">Sent to {send.data.to}. Check that mailbox.</p>
        )}
        {send.isError && (
          <p role="alert" className="error">
            {send.error.message}
            {"detail" in send.error && send.error.detail
              ? `: ${String(send.error.detail)}`
              : ""}
          </p>
        )}
      </div>
    </section>
  );
}
