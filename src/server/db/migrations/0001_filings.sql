CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"kinds_open" jsonb NOT NULL,
	"filing_opens_at" timestamp with time zone NOT NULL,
	"filing_closes_at" timestamp with time zone NOT NULL,
	"county_review_deadline" timestamp with time zone NOT NULL,
	"city_review_deadline" timestamp with time zone NOT NULL,
	"list_deadline" timestamp with time zone NOT NULL,
	"standard_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filing_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"slot" text NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filing_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"filing_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"actor_name" text,
	"level" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "filing_sections" (
	"filing_id" uuid NOT NULL,
	"section" text NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"valid" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_version" integer DEFAULT 0 NOT NULL,
	"county_code" text,
	"city_code" text,
	"enterprise_name" text NOT NULL,
	"uscc" text NOT NULL,
	"industry_code" text,
	"sme_size" text,
	"score_total" integer,
	"direct_met" boolean,
	"qualified" boolean,
	"standard_id" text,
	"snapshot" jsonb,
	"return_info" jsonb,
	"verification_code" text,
	"submitted_at" timestamp with time zone,
	"last_action_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "filing_attachments" ADD CONSTRAINT "filing_attachments_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_attachments" ADD CONSTRAINT "filing_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_history" ADD CONSTRAINT "filing_history_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_sections" ADD CONSTRAINT "filing_sections_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "filing_attachments_filing_idx" ON "filing_attachments" USING btree ("filing_id","slot");--> statement-breakpoint
CREATE INDEX "filing_history_filing_idx" ON "filing_history" USING btree ("filing_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "filing_sections_pk" ON "filing_sections" USING btree ("filing_id","section");--> statement-breakpoint
CREATE UNIQUE INDEX "filings_one_per_kind_uq" ON "filings" USING btree ("enterprise_id","campaign_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "filings_verification_uq" ON "filings" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "filings_enterprise_idx" ON "filings" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "filings_queue_county_idx" ON "filings" USING btree ("county_code","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "filings_queue_city_idx" ON "filings" USING btree ("city_code","status","submitted_at","id");