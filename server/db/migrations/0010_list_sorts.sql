-- no-transaction
-- The list's other orders (decision record 012), built without blocking writes. Oldest first walks
-- the newest-first indexes backwards and needs none. The file runs again from the top after a
-- failure: each index is dropped first, in case the failure left it built but invalid.

-- Last activity first: updated_at is touched by every change and every public message.
DROP INDEX CONCURRENTLY IF EXISTS tickets_activity_idx;
CREATE INDEX CONCURRENTLY tickets_activity_idx
  ON tickets (updated_at DESC, id DESC);

-- Most urgent first, then newest. The expression must stay exactly as server/tickets/sort.ts writes it.
DROP INDEX CONCURRENTLY IF EXISTS tickets_priority_rank_idx;
CREATE INDEX CONCURRENTLY tickets_priority_rank_idx
  ON tickets ((CASE priority WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END) DESC, created_at DESC, id DESC);
