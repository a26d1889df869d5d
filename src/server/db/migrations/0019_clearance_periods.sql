ALTER TABLE "clearances" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clearances" ADD COLUMN "appeal_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "province_settings" ADD COLUMN "appeal_window_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "province_settings" ADD COLUMN "proposal_expiry_days" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_event_idx" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
UPDATE "clearances" SET "expires_at" = ((((("created_at" AT TIME ZONE 'UTC') + interval '8 hours')::date + 61)::timestamp - interval '8 hours' - interval '1 millisecond') AT TIME ZONE 'UTC') WHERE "expires_at" IS NULL;--> statement-breakpoint
UPDATE "clearances" SET "appeal_until" = ((((("confirmed_at" AT TIME ZONE 'UTC') + interval '8 hours')::date + 31)::timestamp - interval '8 hours' - interval '1 millisecond') AT TIME ZONE 'UTC') WHERE "appeal_until" IS NULL AND "confirmed_at" IS NOT NULL;
