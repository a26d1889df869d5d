-- Rate-limit counters without WAL (issue #15, docs/adr/0037-unlogged-rate-limit-counters.md): every public registry
-- lookup, login and SMS request counts a hit in rate_limit_hits, and as a logged table each hit was a commit that
-- waited for the WAL flush. An UNLOGGED table's changes write no WAL, so the commit does not wait for the disk; after a
-- crash PostgreSQL empties the table (every client's window starts again), which a rate limit can afford. Not copied
-- to streaming replicas: after a fail-over the counters start at zero too.
ALTER TABLE "rate_limit_hits" SET UNLOGGED;
