CREATE TABLE "province_settings" (
	"province_code" text PRIMARY KEY NOT NULL,
	"publicity_days" integer DEFAULT 5 NOT NULL,
	"clearance_grace_days" integer DEFAULT 15 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "update_obligations" (
	"campaign_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"city_code" text NOT NULL,
	"county_code" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "tracking_no" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "update_obligations" ADD CONSTRAINT "update_obligations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_obligations" ADD CONSTRAINT "update_obligations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rate_limit_hits_reset_idx" ON "rate_limit_hits" USING btree ("reset_at");--> statement-breakpoint
CREATE UNIQUE INDEX "update_obligations_pk" ON "update_obligations" USING btree ("campaign_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "update_obligations_region_idx" ON "update_obligations" USING btree ("campaign_id","city_code","county_code");--> statement-breakpoint
CREATE UNIQUE INDEX "objections_tracking_uq" ON "objections" USING btree ("tracking_no");