CREATE INDEX "enterprises_name_trgm_idx" ON "enterprises" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "enterprises_uscc_trgm_idx" ON "enterprises" USING gin ("uscc" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "filings_queue_county_kind_idx" ON "filings" USING btree ("county_code","kind","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "filings_queue_city_kind_idx" ON "filings" USING btree ("city_code","kind","status","submitted_at","id");