-- Every filter column plus the sort keys, in one index:
-- * stats under any filter read only this index (an index-only scan, about a fifth of the table's size)
--   instead of the whole table;
-- * the list under all three filters walks exactly the matching tickets, newest first.
CREATE INDEX tickets_filters_newest_idx
  ON tickets (category, priority, status, created_at DESC, id DESC);
