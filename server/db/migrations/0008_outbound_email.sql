-- Outgoing mail (server/mail/): the outbox, written by a trigger in the same transaction as the change
-- that causes the mail, and drained by a worker in each app process. See decision record 011.

-- One row: whether this desk sends mail (set by every app process at start from SMTP_URL) and the
-- key that signs the tokens in our Message-IDs and plus-addresses (made once, by the first start).
CREATE TABLE mail_settings (
  singleton        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  outbound_enabled boolean NOT NULL DEFAULT false,
  signing_key      text NOT NULL CHECK (length(signing_key) >= 32)
);

-- One row per mail and recipient. `reply` is an agent's public message; the others are notifications.
-- The content is written when the mail is sent, from the rows it names; the Message-ID is fixed at the
-- first attempt, so that a retry sends the same mail.
CREATE TABLE outbound_emails (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id       bigint NOT NULL REFERENCES tickets ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('reply', 'resolved', 'assigned', 'acknowledgement')),
  message_id      bigint REFERENCES messages ON DELETE CASCADE,
  recipient_id    bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  -- who caused it (the agent who replied, resolved or assigned); NULL for the desk itself
  actor_id        bigint REFERENCES users ON DELETE SET NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- a worker's claim: another process leaves the row alone until then (a crashed worker's claim lapses)
  locked_until    timestamptz,
  last_error      text CHECK (length(last_error) <= 1000),
  header_message_id text UNIQUE CHECK (length(header_message_id) <= 250),
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  CHECK ((kind = 'reply') = (message_id IS NOT NULL)),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbound_emails_due_idx ON outbound_emails (next_attempt_at, id) WHERE status = 'pending';
-- mail to one person goes out in the order it was written: the worker looks for an earlier pending one
CREATE INDEX outbound_emails_recipient_pending_idx ON outbound_emails (recipient_id, id) WHERE status = 'pending';
CREATE INDEX outbound_emails_ticket_idx ON outbound_emails (ticket_id, id);
CREATE INDEX outbound_emails_message_idx ON outbound_emails (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX outbound_emails_failed_idx ON outbound_emails (id DESC) WHERE status = 'failed';

-- Which changes send mail, in one place for every way of making them (API, scripts, inbound mail):
-- an agent's public message → the requester; a ticket resolved by someone else → the requester; an
-- assignment → the new assignee unless they assigned themselves. Never an internal note, never to a
-- disabled person, never to the person who made the change.
CREATE FUNCTION outbound_emails_enqueue() RETURNS trigger AS $$
DECLARE
  requester bigint;
  recipient bigint;
  mail_kind text;
BEGIN
  IF NOT coalesce((SELECT outbound_enabled FROM mail_settings), false) THEN
    RETURN NULL;
  END IF;
  SELECT requester_id INTO requester FROM tickets WHERE id = NEW.ticket_id;
  IF NEW.kind = 'message' AND NOT NEW.internal AND NEW.actor_kind = 'user'
     AND EXISTS (SELECT FROM users WHERE id = NEW.actor_id AND role IN ('agent', 'admin')) THEN
    mail_kind := 'reply';
    recipient := requester;
  ELSIF NEW.kind = 'changed' AND NEW.field = 'status' AND NEW.to_value = 'resolved' THEN
    mail_kind := 'resolved';
    recipient := requester;
  ELSIF NEW.kind = 'assigned' AND NEW.to_value IS NOT NULL THEN
    mail_kind := 'assigned';
    recipient := NEW.to_value::bigint;
  ELSE
    RETURN NULL;
  END IF;
  IF recipient IS NULL OR recipient IS NOT DISTINCT FROM NEW.actor_id
     OR NOT EXISTS (SELECT FROM users WHERE id = recipient AND disabled_at IS NULL) THEN
    RETURN NULL;
  END IF;
  INSERT INTO outbound_emails (ticket_id, kind, message_id, recipient_id, actor_id)
  VALUES (NEW.ticket_id, mail_kind, CASE WHEN mail_kind = 'reply' THEN NEW.message_id END, recipient, NEW.actor_id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbound_emails_enqueue
  AFTER INSERT ON ticket_events
  FOR EACH ROW EXECUTE FUNCTION outbound_emails_enqueue();

-- Wakes the workers (LISTEN outbound_emails) when the transaction that wrote mail commits; a retry
-- scheduled later is found by the workers' poll.
CREATE FUNCTION outbound_emails_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('outbound_emails', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbound_emails_notify
  AFTER INSERT ON outbound_emails
  FOR EACH STATEMENT EXECUTE FUNCTION outbound_emails_notify();
