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
--> statement-breakpoint
CREATE TABLE "session_reads" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"read_seq" bigint DEFAULT 0 NOT NULL,
	"read_at" timestamp with time zone,
	"reminded_seq" bigint DEFAULT 0 NOT NULL,
	"reminded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "session_reads" ADD CONSTRAINT "session_reads_session_id_ai_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ai_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_messages_support_created_at_idx" ON "ai_messages" USING btree ("created_at") WHERE "ai_messages"."role" = 'support';