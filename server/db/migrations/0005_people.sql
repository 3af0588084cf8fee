-- People, their sessions and API tokens, one-time links, login throttling, and the tickets' history.
-- Secrets are never stored: only SHA-256 hashes of random 256-bit values, and argon2id password hashes.

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email         text NOT NULL CHECK (email = lower(email) AND email LIKE '_%@_%' AND length(email) <= 254),
  name          text NOT NULL CHECK (has_visible_text(name) AND length(name) <= 100),
  role          text NOT NULL CHECK (role IN ('admin', 'agent', 'requester')),
  password_hash text CHECK (password_hash LIKE '$argon2id$%'),
  disabled_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_role_idx ON users (role, lower(name));

CREATE TABLE sessions (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  secret_hash  bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  name         text NOT NULL CHECK (has_visible_text(name) AND length(name) <= 100),
  token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- One-time links: the first-run setup link, and invitations to set a password.
CREATE TABLE link_tokens (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  purpose    text NOT NULL CHECK (purpose IN ('setup', 'invite')),
  user_id    bigint REFERENCES users ON DELETE CASCADE,
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  CHECK ((purpose = 'invite') = (user_id IS NOT NULL))
);

-- Failed sign-ins per account ('email:…') and per address ('ip:…'), counted over a sliding window.
CREATE TABLE login_failures (
  key text NOT NULL,
  at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_at_idx ON login_failures (key, at);

ALTER TABLE tickets
  ADD COLUMN requester_id bigint REFERENCES users,
  ADD COLUMN assignee_id bigint REFERENCES users;
CREATE INDEX tickets_requester_newest_idx ON tickets (requester_id, created_at DESC, id DESC);
CREATE INDEX tickets_assignee_newest_idx ON tickets (assignee_id, created_at DESC, id DESC);

CREATE TABLE ticket_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id   bigint NOT NULL REFERENCES tickets ON DELETE CASCADE,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_kind  text NOT NULL CHECK (actor_kind IN ('user', 'ai', 'system')),
  actor_id    bigint REFERENCES users,
  -- the model for 'ai', the rule for 'system'
  actor_name  text,
  kind        text NOT NULL CHECK (kind IN ('created', 'changed', 'assigned', 'message')),
  field       text,
  from_value  text,
  to_value    text,
  -- an internal note's event: agents only
  internal    boolean NOT NULL DEFAULT false,
  CHECK ((actor_kind = 'user') = (actor_id IS NOT NULL)),
  CHECK ((kind = 'changed') = (field IS NOT NULL))
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id);

-- History is append-only, whoever connects: the database refuses to change or remove it. The one
-- exception is a ticket erased by hand (DELETE FROM tickets), whose history goes with it: the
-- foreign key's cascade runs inside another trigger, so pg_trigger_depth() is above 1.
CREATE FUNCTION ticket_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'ticket_events is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ticket_events_no_update_delete
  BEFORE UPDATE OR DELETE ON ticket_events
  FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();
CREATE TRIGGER ticket_events_no_truncate
  BEFORE TRUNCATE ON ticket_events
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_events_append_only();
