CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE tickets (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title       varchar(200) NOT NULL CHECK (title ~ '[^[:space:]]'),
  description text NOT NULL CHECK (description ~ '[^[:space:]]'),
  category    text NOT NULL CHECK (category IN ('billing', 'technical', 'account', 'general')),
  priority    text NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Newest-first keyset pagination, alone and under each single filter the UI offers;
-- combined filters walk the most selective of these and filter the rest.
CREATE INDEX tickets_newest_idx ON tickets (created_at DESC, id DESC);
CREATE INDEX tickets_category_newest_idx ON tickets (category, created_at DESC, id DESC);
CREATE INDEX tickets_priority_newest_idx ON tickets (priority, created_at DESC, id DESC);
CREATE INDEX tickets_status_newest_idx ON tickets (status, created_at DESC, id DESC);

-- Substring search (ILIKE '%term%') over title or description.
CREATE INDEX tickets_title_trgm_idx ON tickets USING gin (title gin_trgm_ops);
CREATE INDEX tickets_description_trgm_idx ON tickets USING gin (description gin_trgm_ops);

-- updated_at is set on every UPDATE, whoever runs it.
CREATE FUNCTION tickets_touch_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER tickets_touch_updated_at
  BEFORE UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION tickets_touch_updated_at();
