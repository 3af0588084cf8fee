-- Tickets per (category, priority, status), kept exact by statement-level triggers on tickets, so that
-- stats without a search term add up at most 64 rows instead of counting every ticket.
-- See docs/decisions/005-stats-from-counters.md.

-- Writers wait until this migration commits: a ticket written after the backfill's snapshot but
-- before the triggers exist (by another app process still running) would otherwise never be counted.
LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE ticket_counts (
  category text NOT NULL,
  priority text NOT NULL,
  status   text NOT NULL,
  -- NOTE: no CHECK (tickets >= 0): INSERT ... ON CONFLICT checks the proposed row (a negative change)
  -- before it finds the conflicting row, so every move or delete would fail the check.
  tickets  bigint NOT NULL,
  PRIMARY KEY (category, priority, status)
);

INSERT INTO ticket_counts (category, priority, status, tickets)
SELECT category, priority, status, count(*) FROM tickets GROUP BY category, priority, status;

-- One call per statement, whatever its number of rows (the seed inserts 5,000 per statement).
-- Changes are applied in key order, so that two transactions lock counter rows in the same order
-- and cannot deadlock each other; net-zero changes (a title edit) touch no row.
CREATE FUNCTION ticket_counts_follow() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM ticket_counts;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO ticket_counts AS counts (category, priority, status, tickets)
    SELECT category, priority, status, count(*) FROM new_rows
    GROUP BY category, priority, status
    ORDER BY category, priority, status
    ON CONFLICT (category, priority, status) DO UPDATE SET tickets = counts.tickets + EXCLUDED.tickets;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO ticket_counts AS counts (category, priority, status, tickets)
    SELECT category, priority, status, -count(*) FROM old_rows
    GROUP BY category, priority, status
    ORDER BY category, priority, status
    ON CONFLICT (category, priority, status) DO UPDATE SET tickets = counts.tickets + EXCLUDED.tickets;
  ELSE
    INSERT INTO ticket_counts AS counts (category, priority, status, tickets)
    SELECT category, priority, status, sum(change) FROM (
      SELECT category, priority, status, 1 AS change FROM new_rows
      UNION ALL
      SELECT category, priority, status, -1 FROM old_rows
    ) changes
    GROUP BY category, priority, status
    HAVING sum(change) <> 0
    ORDER BY category, priority, status
    ON CONFLICT (category, priority, status) DO UPDATE SET tickets = counts.tickets + EXCLUDED.tickets;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- NOTE: a trigger with transition tables cannot name columns (UPDATE OF category, ...), so every
-- UPDATE fires it; the net change of an update that keeps the three columns is empty.
CREATE TRIGGER ticket_counts_after_insert
  AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_follow();
CREATE TRIGGER ticket_counts_after_update
  AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_follow();
CREATE TRIGGER ticket_counts_after_delete
  AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_follow();
CREATE TRIGGER ticket_counts_after_truncate
  AFTER TRUNCATE ON tickets
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_follow();
