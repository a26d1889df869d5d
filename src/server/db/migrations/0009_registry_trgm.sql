-- pg_trgm for the public registry's substring search (name / partial credit code ILIKE '%…%'), issue #7.
-- The trigram GIN indexes themselves are in the Drizzle schema (enterprises_name_trgm_idx, enterprises_uscc_trgm_idx)
-- and come with the next migration. On PGlite the extension is loaded by openDatabase() (PGLITE_EXTENSIONS).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
