-- A conversation has at most one answer being written. Should an older answer have been left
-- streaming beside a newer one, it is closed as interrupted first, as a restart would.
UPDATE "ai_messages" m
SET "status" = 'interrupted', "error" = 'The server restarted while this answer was being written.', "completed_at" = now()
WHERE m."status" = 'streaming'
  AND EXISTS (SELECT 1 FROM "ai_messages" n WHERE n."session_id" = m."session_id" AND n."status" = 'streaming' AND n."seq" > m."seq");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_messages_one_streaming_idx" ON "ai_messages" USING btree ("session_id") WHERE "ai_messages"."status" = 'streaming';
