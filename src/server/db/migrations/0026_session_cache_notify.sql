-- Each server process keeps the sessions it resolved (issue #15, docs/adr/0036-session-cache.md). Whatever ends a
-- session or changes what its lookup reads tells every process, from the database itself, so no writer can forget
-- to: NOTIFY is sent at commit to the processes listening on the channel (src/server/plugins/session-cache.ts).
-- `session_changed` carries the session id (the token's hash), `user_changed` the user id.
CREATE FUNCTION session_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('session_changed', OLD.id);
  IF TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id THEN
    PERFORM pg_notify('session_changed', NEW.id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_changed_delete
  AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION session_changed_notify();
--> statement-breakpoint
-- Not on the once-a-minute touch: an update that only moves last_seen_at forward keeps the cached row valid (the
-- touching process updates its own copy; a copy elsewhere holds an older last_seen_at, which only errs on the strict
-- side and is re-read before it refuses). Any other change, or last_seen_at moved back, notifies.
CREATE TRIGGER sessions_changed_update
  AFTER UPDATE ON sessions
  FOR EACH ROW WHEN (
    (to_jsonb(OLD) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_seen_at')
    OR NEW.last_seen_at < OLD.last_seen_at
  )
  EXECUTE FUNCTION session_changed_notify();
--> statement-breakpoint
CREATE FUNCTION user_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('user_changed', OLD.id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_changed_delete
  AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION user_changed_notify();
--> statement-breakpoint
-- The user columns the session lookup reads, and the password hash (a password set behind the platform's back
-- drops the cached sessions too). Logins' counters (failed_logins, locked_until, totp_last_step) do not notify.
CREATE TRIGGER users_changed_update
  AFTER UPDATE ON users
  FOR EACH ROW WHEN (
    (OLD.id, OLD.username, OLD.display_name, OLD.role, OLD.enterprise_id, OLD.region_code, OLD.status,
     OLD.must_change_password, OLD.password_changed_at, OLD.password_hash)
    IS DISTINCT FROM
    (NEW.id, NEW.username, NEW.display_name, NEW.role, NEW.enterprise_id, NEW.region_code, NEW.status,
     NEW.must_change_password, NEW.password_changed_at, NEW.password_hash)
  )
  EXECUTE FUNCTION user_changed_notify();
