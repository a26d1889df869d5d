CREATE TABLE "clearances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"county_code" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"reason" text NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"appeal_status" text,
	"appeal_decision" text,
	"appeal_decided_by" uuid,
	"appeal_decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"event" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text,
	"reason" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "evaluation_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"input_before" jsonb NOT NULL,
	"result_before" jsonb NOT NULL,
	"result_after" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"county_code" text NOT NULL,
	"city_code" text NOT NULL,
	"standard_id" text NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"score_total" integer,
	"qualified" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"reason" text NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition_list_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"filing_id" uuid,
	"evaluation_id" uuid,
	"enterprise_name" text NOT NULL,
	"uscc" text NOT NULL,
	"county_code" text NOT NULL,
	"state" text DEFAULT 'included' NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"kind" text DEFAULT 'innovative' NOT NULL,
	"title" text NOT NULL,
	"issuing_department" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publicity_start" timestamp with time zone,
	"publicity_end" timestamp with time zone,
	"objection_contact" text,
	"document_no" text,
	"announced_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"list_id" uuid,
	"issuer" text NOT NULL,
	"document_no" text,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clearances" ADD CONSTRAINT "clearances_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearances" ADD CONSTRAINT "clearances_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_events" ADD CONSTRAINT "enterprise_events_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_corrections" ADD CONSTRAINT "evaluation_corrections_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_list_id_recognition_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."recognition_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_entry_id_recognition_list_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."recognition_list_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_list_entries" ADD CONSTRAINT "recognition_list_entries_list_id_recognition_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."recognition_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_list_entries" ADD CONSTRAINT "recognition_list_entries_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_list_entries" ADD CONSTRAINT "recognition_list_entries_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_list_entries" ADD CONSTRAINT "recognition_list_entries_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_lists" ADD CONSTRAINT "recognition_lists_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_list_id_recognition_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."recognition_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clearances_uq" ON "clearances" USING btree ("campaign_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "clearances_city_idx" ON "clearances" USING btree ("city_code","status");--> statement-breakpoint
CREATE INDEX "enterprise_events_enterprise_idx" ON "enterprise_events" USING btree ("enterprise_id","id");--> statement-breakpoint
CREATE INDEX "evaluation_corrections_eval_idx" ON "evaluation_corrections" USING btree ("evaluation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_filing_uq" ON "evaluations" USING btree ("filing_id");--> statement-breakpoint
CREATE INDEX "evaluations_city_idx" ON "evaluations" USING btree ("city_code","campaign_id");--> statement-breakpoint
CREATE INDEX "objections_list_idx" ON "objections" USING btree ("list_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_list_entries_uq" ON "recognition_list_entries" USING btree ("list_id","enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_lists_city_uq" ON "recognition_lists" USING btree ("campaign_id","city_code","kind");--> statement-breakpoint
CREATE INDEX "recognition_lists_status_idx" ON "recognition_lists" USING btree ("status","publicity_start");--> statement-breakpoint
CREATE INDEX "recognitions_enterprise_idx" ON "recognitions" USING btree ("enterprise_id","kind","valid_to");--> statement-breakpoint
CREATE INDEX "recognitions_valid_idx" ON "recognitions" USING btree ("kind","valid_to");