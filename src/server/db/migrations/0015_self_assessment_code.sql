ALTER TABLE "filings" ADD COLUMN "pending_verification_code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "filings_pending_verification_uq" ON "filings" USING btree ("pending_verification_code");