DROP INDEX "knowledge_chunks_content_trgm_idx";--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD COLUMN "codes" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "knowledge_chunks_codes_trgm_idx" ON "knowledge_chunks" USING gin ("codes" gin_trgm_ops);