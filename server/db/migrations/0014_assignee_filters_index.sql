-- no-transaction
-- A list filtered by assignee and by category, priority or status that matches few tickets takes
-- them first (server/tickets/sparse.ts, decision record 015); this index finds exactly those,
-- whichever enums are fixed (the others are spelled out as all their values). Built without
-- blocking writes; the file runs again from the top after a failure, so the index is dropped first
-- in case the failure left it built but invalid.
DROP INDEX CONCURRENTLY IF EXISTS tickets_assignee_filters_idx;
CREATE INDEX CONCURRENTLY tickets_assignee_filters_idx
  ON tickets (assignee_id, category, priority, status, created_at DESC, id DESC);
