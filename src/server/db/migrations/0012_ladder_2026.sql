CREATE TABLE "quality_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"source_type" text NOT NULL,
	"source" text NOT NULL,
	"entered_by" uuid,
	"entered_by_name" text,
	"entered_region" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "province_settings" ADD COLUMN "update_deadline" text DEFAULT '05-31' NOT NULL;--> statement-breakpoint
ALTER TABLE "province_settings" ADD COLUMN "cancel_after_two_missed_updates" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "recognitions" ADD COLUMN "filing_id" uuid;--> statement-breakpoint
ALTER TABLE "recognitions" ADD COLUMN "registration_no" text;--> statement-breakpoint
ALTER TABLE "quality_scores" ADD CONSTRAINT "quality_scores_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_scores_uq" ON "quality_scores" USING btree ("enterprise_id","year");--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recognitions_registration_no_uq" ON "recognitions" USING btree ("kind","registration_no") WHERE registration_no is not null;