-- The head of a day's audit chain in ONE statement (issue #15): takes the chain's advisory lock (held until the
-- transaction ends; the same key as before, hashtext('audit-chain:' || day)), then reads the chain's last hash and
-- draws the new row's id. A VOLATILE plpgsql function runs each of its queries with a fresh snapshot, so the last
-- hash is read AFTER the lock is granted and sees the row the previous holder committed (one statement with the
-- lock and the read together would read with a snapshot taken before the wait). services/audit-chain.ts computes
-- the row's HMAC with the key the database does not hold.
CREATE FUNCTION audit_chain_head(p_chain text, OUT id bigint, OUT prev_hash text)
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('audit-chain:' || p_chain));
  SELECT a.hash INTO prev_hash FROM audit_events a WHERE a.chain = p_chain ORDER BY a.id DESC LIMIT 1;
  id := nextval(pg_get_serial_sequence('audit_events', 'id'));
END
$$;
