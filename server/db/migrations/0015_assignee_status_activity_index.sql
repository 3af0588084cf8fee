-- no-transaction
-- An agent's queue, "assigned to me, open, latest activity first", matches too many tickets to take
-- them all first (server/tickets/sparse.ts) and too few for a walk of tickets_activity_idx to find
-- a page soon: at 1,000,000 tickets about 12,000 of one agent's, a walk of 4,000 rows a page. This
-- index reads exactly them, in that order, for any one assignee (or none) and status. Built without
-- blocking writes; dropped first in case a failed run left it invalid (the file runs again).
DROP INDEX CONCURRENTLY IF EXISTS tickets_assignee_status_activity_idx;
CREATE INDEX CONCURRENTLY tickets_assignee_status_activity_idx
  ON tickets (assignee_id, status, updated_at DESC, id DESC);
