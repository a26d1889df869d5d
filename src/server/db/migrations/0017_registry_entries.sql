CREATE TABLE "registry_entries" (
	"recognition_id" uuid PRIMARY KEY NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"name" text NOT NULL,
	"uscc" text NOT NULL,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"document_no" text,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_entries" ADD CONSTRAINT "registry_entries_recognition_id_recognitions_id_fk" FOREIGN KEY ("recognition_id") REFERENCES "public"."recognitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_entries_name_trgm_idx" ON "registry_entries" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_entries_uscc_trgm_idx" ON "registry_entries" USING gin ("uscc" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "registry_entries_uscc_idx" ON "registry_entries" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "registry_entries_enterprise_idx" ON "registry_entries" USING btree ("enterprise_id");