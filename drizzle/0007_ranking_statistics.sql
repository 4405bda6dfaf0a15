CREATE TABLE "knowledge_document_terms" (
	"term" text NOT NULL,
	"document_id" uuid NOT NULL,
	"passages" integer NOT NULL,
	CONSTRAINT "knowledge_document_terms_pkey" PRIMARY KEY("term","document_id")
);
--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD COLUMN "word_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "knowledge_documents" ADD COLUMN "word_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "knowledge_documents" ADD COLUMN "ts_config" text DEFAULT 'english' NOT NULL;--> statement-breakpoint
ALTER TABLE "knowledge_document_terms" ADD CONSTRAINT "knowledge_document_terms_document_id_knowledge_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."knowledge_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_document_terms_document_id_idx" ON "knowledge_document_terms" USING btree ("document_id");--> statement-breakpoint
-- Statistics of the passages indexed so far (new manuals add theirs at ingestion): each passage's
-- length in indexed words, each manual's total and text search configuration, and in how many
-- passages of a manual each word is.
UPDATE "knowledge_chunks" c SET "word_count" = (SELECT coalesce(sum(cardinality(u.positions)), 0) FROM unnest(c."tsv") AS u);--> statement-breakpoint
UPDATE "knowledge_documents" d SET
  "word_count" = (SELECT coalesce(sum(c."word_count"), 0) FROM "knowledge_chunks" c WHERE c."document_id" = d."id"),
  "ts_config" = coalesce((SELECT c."ts_config" FROM "knowledge_chunks" c WHERE c."document_id" = d."id" LIMIT 1), 'english');--> statement-breakpoint
INSERT INTO "knowledge_document_terms" ("term", "document_id", "passages")
SELECT u.lexeme, c."document_id", count(*)
FROM "knowledge_chunks" c, unnest(c."tsv") AS u
GROUP BY u.lexeme, c."document_id";
