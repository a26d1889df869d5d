CREATE TABLE "standard_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"standard_id" text NOT NULL,
	"version" integer NOT NULL,
	"values" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "rule_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "standard_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "standard_versions_uq" ON "standard_versions" USING btree ("standard_id","version");