CREATE INDEX "clearances_campaign_city_idx" ON "clearances" USING btree ("campaign_id","city_code","status","id");--> statement-breakpoint
CREATE INDEX "enterprises_region_status_idx" ON "enterprises" USING btree ("city_code","county_code","db_status");--> statement-breakpoint
CREATE INDEX "filings_stats_idx" ON "filings" USING btree ("campaign_id","city_code","county_code","kind","status");