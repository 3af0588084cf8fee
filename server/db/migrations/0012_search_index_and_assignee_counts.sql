-- Speed at a million tickets (issue 13). See docs/decisions/014-bounded-search-and-assignee-counts.md.

-- One trigram index over title and description together, instead of one each: a search that asks the
-- index reads one posting list per trigram instead of two, and every write updates one GIN instead of
-- two. The query adds the exact `title ILIKE … OR description ILIKE …` on top (the joined text also
-- matches a term that spans the two, which the exact condition then refuses).
-- NOTE: at 1,000,000 tickets the build took 38 s on a 2-core machine; writers wait meanwhile.
CREATE INDEX tickets_text_trgm_idx ON tickets USING gin (lower(title || ' ' || description) gin_trgm_ops);
DROP INDEX tickets_title_trgm_idx;
DROP INDEX tickets_description_trgm_idx;

-- Tickets per (assignee, category, priority, status), kept exact by the same triggers as
-- ticket_counts, so that stats filtered by assignee add up at most 64 rows instead of counting a
-- third of the tickets. `assignee` 0 stands for unassigned (a key column cannot be NULL).
LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE ticket_assignee_counts (
  assignee bigint NOT NULL,
  category text NOT NULL,
  priority text NOT NULL,
  status   text NOT NULL,
  tickets  bigint NOT NULL,
  PRIMARY KEY (assignee, category, priority, status)
);
-- As ticket_counts (migration 0009): a few hundred rows, one updated by every ticket write.
ALTER TABLE ticket_assignee_counts SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 200,
  fillfactor = 50
);

INSERT INTO ticket_assignee_counts (assignee, category, priority, status, tickets)
SELECT coalesce(assignee_id, 0), category, priority, status, count(*) FROM tickets GROUP BY 1, 2, 3, 4;

-- The function of migration 0003, now keeping both tables. Each is changed in key order, and
-- ticket_counts always before ticket_assignee_counts, so two transactions cannot deadlock.
-- NOTE: a transition table exists only for the events that have it (no old_rows on INSERT), hence
-- one branch per event.
CREATE OR REPLACE FUNCTION ticket_counts_follow() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM ticket_counts;
    DELETE FROM ticket_assignee_counts;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO ticket_counts AS counts (category, priority, status, tickets)
    SELECT category, priority, status, count(*) FROM new_rows
    GROUP BY category, priority, status
    ORDER BY category, priority, status
    ON CONFLICT (category, priority, status) DO UPDATE SET tickets = counts.tickets + EXCLUDED.tickets;
    INSERT INTO ticket_assignee_counts AS counts (assignee, category, priority, status, tickets)
    SELECT coalesce(assignee_id, 0), category, priority, status, count(*) FROM new_rows
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (assignee, category, priority, status) DO UPDATE SET tickets = counts.tickets + EXCLUDED.tickets;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO ticket_counts AS counts (category, priority, status, tickets)
    SELECT category, priority, status, -count(*) FROM old_rows
    GROUP BY category, priority, status
    ORDER BY category, priority, status
    ON CONFLICT (category, priority, status) DO UPDATE SET tickets = counts.tickets + EXCLUDED.tickets;
    INSERT INTO ticket_assignee_counts AS counts (assignee, category, priority, status, tickets)
    SELECT coalesce(assignee_id, 0), category, priority, status, -count(*) FROM old_rows
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (assignee, category, priority, status) DO UPDATE SET tickets = counts.tickets + EXCLUDED.tickets;
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
    INSERT INTO ticket_assignee_counts AS counts (assignee, category, priority, status, tickets)
    SELECT assignee, category, priority, status, sum(change) FROM (
      SELECT coalesce(assignee_id, 0) AS assignee, category, priority, status, 1 AS change FROM new_rows
      UNION ALL
      SELECT coalesce(assignee_id, 0), category, priority, status, -1 FROM old_rows
    ) changes
    GROUP BY assignee, category, priority, status
    HAVING sum(change) <> 0
    ORDER BY assignee, category, priority, status
    ON CONFLICT (assignee, category, priority, status) DO UPDATE SET tickets = counts.tickets + EXCLUDED.tickets;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
