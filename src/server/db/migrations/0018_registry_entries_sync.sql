-- The public registry's holders table (registry_entries, migration 0017) is maintained by the database itself, in
-- the same transaction as every write that changes what the registry shows (issue #15, ADR 0027): a recognition
-- inserted, changed (revoked, extended, re-titled) or deleted, and an enterprise renamed or given another credit
-- code. The registry shows recognitions with status 'valid' from the sources announcement, import and rereview
-- (REGISTRY_SOURCES in src/server/modules/registry/routes.ts; the consistency test compares the two).
CREATE FUNCTION registry_entries_from_recognition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR TG_OP = 'DELETE' THEN
    DELETE FROM registry_entries WHERE recognition_id = OLD.id;
  END IF;
  IF (TG_OP = 'INSERT' OR TG_OP = 'UPDATE') AND NEW.status = 'valid'
     AND NEW.source IN ('announcement', 'import', 'rereview') THEN
    INSERT INTO registry_entries
      (recognition_id, enterprise_id, name, uscc, title, issuer, document_no, valid_from, valid_to)
    SELECT NEW.id, e.id, e.name, e.uscc, NEW.title, NEW.issuer, NEW.document_no, NEW.valid_from, NEW.valid_to
    FROM enterprises e WHERE e.id = NEW.enterprise_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER recognitions_registry_entries
  AFTER INSERT OR UPDATE OR DELETE ON recognitions
  FOR EACH ROW EXECUTE FUNCTION registry_entries_from_recognition();
--> statement-breakpoint
CREATE FUNCTION registry_entries_from_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE registry_entries SET name = NEW.name, uscc = NEW.uscc WHERE enterprise_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER enterprises_registry_entries
  AFTER UPDATE OF name, uscc ON enterprises
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.uscc IS DISTINCT FROM NEW.uscc)
  EXECUTE FUNCTION registry_entries_from_enterprise();
--> statement-breakpoint
-- Backfill from the recognitions already there.
INSERT INTO registry_entries
  (recognition_id, enterprise_id, name, uscc, title, issuer, document_no, valid_from, valid_to)
SELECT r.id, e.id, e.name, e.uscc, r.title, r.issuer, r.document_no, r.valid_from, r.valid_to
FROM recognitions r JOIN enterprises e ON e.id = r.enterprise_id
WHERE r.status = 'valid' AND r.source IN ('announcement', 'import', 'rereview');
--> statement-breakpoint
ANALYZE registry_entries;
