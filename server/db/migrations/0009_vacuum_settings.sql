-- Autovacuum per table, whatever the server's defaults. See docs/decisions/010-prepared-statements-and-serializer.md.
-- NOTE: these take effect only where autovacuum is on (a table cannot turn it on when the server has it off);
-- the seed ends with its own VACUUM ANALYZE for that reason.

-- ticket_counts: 64 rows, one of them updated by every ticket write. The default (20% of the rows
-- + 50) would let a handful of live rows sit among thousands of dead ones; vacuum after 200 dead
-- rows whatever the size, and keep half of each page free so that updates stay on their page (HOT).
ALTER TABLE ticket_counts SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 200,
  fillfactor = 50
);

-- tickets: mostly inserts. Vacuum after 2% dead rows or 5% new rows instead of 20%, so that the
-- visibility map stays current (the list's index-only scans read the heap for pages not marked
-- all-visible), and analyze after 2% changes so the planner's counts follow the table.
ALTER TABLE tickets SET (
  autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_insert_scale_factor = 0.05,
  autovacuum_analyze_scale_factor = 0.02
);
