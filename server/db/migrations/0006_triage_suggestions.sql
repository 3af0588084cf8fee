-- Every suggestion the classifier gave, and, once a ticket is created with it, the values the ticket
-- was created with. The ticket's current values are its final ones (after any later change), so
-- acceptance (created = suggested) and accuracy (final = suggested) are measured on live data.
CREATE TABLE triage_suggestions (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- who asked; a suggestion links only to a ticket that person creates
  user_id             bigint REFERENCES users ON DELETE SET NULL,
  source              text NOT NULL CHECK (source IN ('local', 'llm')),
  category            text NOT NULL CHECK (category IN ('billing', 'technical', 'account', 'general')),
  priority            text NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  category_confidence real NOT NULL CHECK (category_confidence BETWEEN 0 AND 1),
  priority_confidence real NOT NULL CHECK (priority_confidence BETWEEN 0 AND 1),
  ticket_id           bigint UNIQUE REFERENCES tickets ON DELETE CASCADE,
  created_category    text CHECK (created_category IN ('billing', 'technical', 'account', 'general')),
  created_priority    text CHECK (created_priority IN ('low', 'medium', 'high', 'critical')),
  CHECK ((ticket_id IS NULL) = (created_category IS NULL) AND (ticket_id IS NULL) = (created_priority IS NULL))
);
-- GET /api/triage/quality reads the suggestions that became tickets, newest period first.
CREATE INDEX triage_suggestions_used_idx ON triage_suggestions (created_at) WHERE ticket_id IS NOT NULL;
