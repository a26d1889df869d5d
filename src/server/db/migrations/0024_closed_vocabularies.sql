ALTER TABLE "campaign_extensions" ADD CONSTRAINT "campaign_extensions_level_ck" CHECK ("campaign_extensions"."level" in ('county', 'city'));--> statement-breakpoint
ALTER TABLE "clearances" ADD CONSTRAINT "clearances_status_ck" CHECK ("clearances"."status" in ('proposed', 'confirmed', 'cancelled', 'reinstated'));--> statement-breakpoint
ALTER TABLE "clearances" ADD CONSTRAINT "clearances_appeal_status_ck" CHECK ("clearances"."appeal_status" in ('pending', 'upheld', 'rejected'));--> statement-breakpoint
ALTER TABLE "enterprise_events" ADD CONSTRAINT "enterprise_events_event_ck" CHECK ("enterprise_events"."event" in ('entered', 'updated', 'clearance_proposed', 'cleared', 'appeal_filed', 'reinstated', 'appeal_rejected', 'recognised', 'recognition_extended', 'recognition_revoked', 'region_corrected', 'quality_score_set'));--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_db_status_ck" CHECK ("enterprises"."db_status" in ('none', 'in_db', 'cleared'));--> statement-breakpoint
ALTER TABLE "filing_history" ADD CONSTRAINT "filing_history_action_ck" CHECK ("filing_history"."action" in ('create', 'submit', 'resubmit', 'withdraw', 'county_approve', 'county_return', 'city_approve', 'city_return', 'city_return_to_county', 'refuse', 'transfer'));--> statement-breakpoint
ALTER TABLE "filing_history" ADD CONSTRAINT "filing_history_level_ck" CHECK ("filing_history"."level" in ('enterprise', 'county', 'city', 'province', 'system'));--> statement-breakpoint
ALTER TABLE "filing_history" ADD CONSTRAINT "filing_history_actor_role_ck" CHECK ("filing_history"."actor_role" in ('enterprise', 'county_reviewer', 'city_reviewer', 'province', 'admin', 'security_admin', 'audit_admin'));--> statement-breakpoint
ALTER TABLE "filing_history" ADD CONSTRAINT "filing_history_from_status_ck" CHECK ("filing_history"."from_status" in ('draft', 'county_review', 'city_review', 'approved', 'returned', 'refused', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "filing_history" ADD CONSTRAINT "filing_history_to_status_ck" CHECK ("filing_history"."to_status" in ('draft', 'county_review', 'city_review', 'approved', 'returned', 'refused', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_kind_ck" CHECK ("filings"."kind" in ('entry', 'update', 'rereview', 'tech_sme'));--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_status_ck" CHECK ("filings"."status" in ('draft', 'county_review', 'city_review', 'approved', 'returned', 'refused', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_status_ck" CHECK ("objections"."status" in ('open', 'upheld', 'rejected'));--> statement-breakpoint
ALTER TABLE "quality_scores" ADD CONSTRAINT "quality_scores_source_type_ck" CHECK ("quality_scores"."source_type" in ('entry', 'import'));--> statement-breakpoint
ALTER TABLE "recognition_list_entries" ADD CONSTRAINT "recognition_list_entries_state_ck" CHECK ("recognition_list_entries"."state" in ('included', 'excluded', 'removed'));--> statement-breakpoint
ALTER TABLE "recognition_lists" ADD CONSTRAINT "recognition_lists_kind_ck" CHECK ("recognition_lists"."kind" in ('innovative'));--> statement-breakpoint
ALTER TABLE "recognition_lists" ADD CONSTRAINT "recognition_lists_status_ck" CHECK ("recognition_lists"."status" in ('draft', 'publicity', 'announced'));--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_kind_ck" CHECK ("recognitions"."kind" in ('innovative', 'tech_sme', 'provincial_specialized', 'little_giant', 'declared'));--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_source_ck" CHECK ("recognitions"."source" in ('announcement', 'import', 'declared', 'rereview', 'evaluation'));--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_status_ck" CHECK ("recognitions"."status" in ('valid', 'revoked'));--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_purpose_ck" CHECK ("sms_messages"."purpose" in ('code', 'notification', 'test'));--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_status_ck" CHECK ("sms_messages"."status" in ('sending', 'retrying', 'sent', 'failed'));--> statement-breakpoint
ALTER TABLE "update_obligations" ADD CONSTRAINT "update_obligations_reason_ck" CHECK ("update_obligations"."reason" in ('in_db', 'innovative', 'specialised'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_ck" CHECK ("users"."role" in ('enterprise', 'county_reviewer', 'city_reviewer', 'province', 'admin', 'security_admin', 'audit_admin'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_status_ck" CHECK ("users"."status" in ('active', 'disabled'));