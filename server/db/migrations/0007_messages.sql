-- The conversation on a ticket (replies and agents-only notes), and the notification that feeds live
-- updates (server/live/).

CREATE TABLE messages (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id  bigint NOT NULL REFERENCES tickets ON DELETE CASCADE,
  author_id  bigint NOT NULL REFERENCES users,
  body       text NOT NULL CHECK (has_visible_text(body) AND length(body) <= 100000),
  -- an agents-only note: never shown to the requester, never mailed
  internal   boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_ticket_idx ON messages (ticket_id, id);

-- A message's history row names the message, so that live updates can point at it.
ALTER TABLE ticket_events
  ADD COLUMN message_id bigint REFERENCES messages ON DELETE CASCADE,
  ADD CONSTRAINT ticket_events_message_check CHECK ((kind = 'message') = (message_id IS NOT NULL));

-- Every change to a ticket and every message writes ticket_events in the same transaction, so one
-- NOTIFY per statement here tells every app process (LISTEN ticket_events) when it commits, and
-- only then. The payload names the new rows' ids (a NOTIFY payload is limited to 8000 bytes: a
-- large statement sends the range of its ids instead); listeners read the rows themselves.
CREATE FUNCTION ticket_events_notify() RETURNS trigger AS $$
DECLARE
  payload text;
BEGIN
  SELECT CASE
           WHEN count(*) <= 100 THEN json_build_object('ids', json_agg(id ORDER BY id))::text
           ELSE json_build_object('from', min(id), 'to', max(id))::text
         END
    INTO payload
    FROM new_rows
  HAVING count(*) > 0;
  IF payload IS NOT NULL THEN
    PERFORM pg_notify('ticket_events', payload);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ticket_events_notify
  AFTER INSERT ON ticket_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_events_notify();
