CREATE TABLE "knowledge_removed_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"version" text,
	"file_name" text NOT NULL,
	"machine_models" text[] DEFAULT '{}'::text[] NOT NULL,
	"page_count" integer,
	"reason" text NOT NULL,
	"replaced_by_id" uuid,
	"removed_at" timestamp with time zone DEFAULT now() NOT NULL
);
