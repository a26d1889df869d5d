-- Asynchronous audit chaining (ADR 0031): rows are inserted with a per-row HMAC (`mac`) and no lock; a background
-- sealer assigns `seq` (the chain order), `prev_hash` and `hash`. Rows chained synchronously before (ADR 0017/0027)
-- keep their chain and hash and take their id as their place in the order, which is the order they were chained in
-- (the id was drawn under the chain's lock). The lanes' lock function goes: nothing takes a chain lock any more.
DROP INDEX "audit_events_chain_idx";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "mac" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "audit_events" SET "seq" = "id" WHERE "hash" IS NOT NULL;--> statement-breakpoint
DROP FUNCTION IF EXISTS audit_chain_head(text);--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_seq_idx" ON "audit_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" USING btree ("id") WHERE "audit_events"."seq" is null;--> statement-breakpoint
CREATE INDEX "audit_events_chain_idx" ON "audit_events" USING btree ("chain","seq");
