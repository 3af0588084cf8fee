-- Incoming mail (server/mail/inbound/): every message is stored raw first, then processed into a
-- ticket or a message. See decision record 011.

CREATE TABLE inbound_emails (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- 'imap:<user>@<host>/<mailbox>' or 'endpoint'
  source       text NOT NULL CHECK (length(source) <= 500),
  raw          bytea NOT NULL,
  -- the Message-ID, or for mail without one 'sha256:<hash of raw>': a message seen before is not
  -- stored (nor processed) twice
  dedupe_key   text NOT NULL UNIQUE CHECK (length(dedupe_key) <= 1000),
  received_at  timestamptz NOT NULL DEFAULT now(),
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'ignored', 'failed')),
  reason       text CHECK (length(reason) <= 1000),
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  locked_until timestamptz,
  processed_at timestamptz,
  -- what it became, or the ticket an automatic mail belongs to
  ticket_id    bigint REFERENCES tickets ON DELETE SET NULL,
  message_id   bigint REFERENCES messages ON DELETE SET NULL,
  opened_ticket boolean NOT NULL DEFAULT false,
  sender       text CHECK (length(sender) <= 254),
  subject      text CHECK (length(subject) <= 1000),
  -- the parts kept besides the message body: the quoted history, and the HTML as sanitised at intake
  quoted_text  text,
  safe_html    text,
  CHECK ((status = 'pending') = (processed_at IS NULL))
);
CREATE INDEX inbound_emails_pending_idx ON inbound_emails (id) WHERE status = 'pending';
CREATE INDEX inbound_emails_ticket_idx ON inbound_emails (ticket_id, id) WHERE ticket_id IS NOT NULL;
CREATE INDEX inbound_emails_message_idx ON inbound_emails (message_id) WHERE message_id IS NOT NULL;
-- "any Message-ID we know": the mail we sent is found by its header_message_id (unique, 0008)

-- Where each IMAP mailbox was read up to: a new UIDVALIDITY starts it again from the first message
-- (the dedupe key keeps what was stored already from being stored twice).
CREATE TABLE imap_cursors (
  mailbox      text PRIMARY KEY CHECK (length(mailbox) <= 500),
  uid_validity bigint NOT NULL,
  last_uid     bigint NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE email_attachments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inbound_email_id bigint NOT NULL REFERENCES inbound_emails ON DELETE CASCADE,
  ticket_id    bigint REFERENCES tickets ON DELETE CASCADE,
  message_id   bigint REFERENCES messages ON DELETE CASCADE,
  filename     text NOT NULL CHECK (has_visible_text(filename) AND length(filename) <= 255),
  content_type text NOT NULL CHECK (length(content_type) <= 255),
  size         integer NOT NULL CHECK (size >= 0),
  -- NULL when the file was over the size limit: it is listed, not kept
  content      bytea,
  CHECK (content IS NULL OR length(content) = size)
);
CREATE INDEX email_attachments_ticket_idx ON email_attachments (ticket_id, id);
CREATE INDEX email_attachments_inbound_idx ON email_attachments (inbound_email_id);

-- Wakes the processors (LISTEN inbound_emails) when new mail is stored by any process.
CREATE FUNCTION inbound_emails_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('inbound_emails', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER inbound_emails_notify
  AFTER INSERT ON inbound_emails
  FOR EACH STATEMENT EXECUTE FUNCTION inbound_emails_notify();
