CREATE TABLE "knowledge_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "knowledge_chunks_tsv_idx";--> statement-breakpoint
DROP INDEX "knowledge_chunks_codes_trgm_idx";--> statement-breakpoint
CREATE INDEX "knowledge_terms_term_trgm_idx" ON "knowledge_terms" USING gin ("term" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "knowledge_chunks_tsv_idx" ON "knowledge_chunks" USING gin ("tsv") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "knowledge_chunks_codes_trgm_idx" ON "knowledge_chunks" USING gin ("codes" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
-- Backfill the vocabulary from the passages indexed so far (new manuals add theirs at ingestion).
INSERT INTO "knowledge_terms" ("term")
SELECT DISTINCT w.word
FROM "knowledge_chunks" c, unnest(tsvector_to_array(to_tsvector('simple', coalesce(c."heading", '') || ' ' || c."content"))) AS w(word)
WHERE length(w.word) BETWEEN 4 AND 30 AND w.word !~ '[[:digit:][:punct:]]';
