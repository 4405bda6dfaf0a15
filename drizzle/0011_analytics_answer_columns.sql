ALTER TABLE "ai_analytics_events" ADD COLUMN "latency_ms" double precision GENERATED ALWAYS AS ((properties->>'latencyMs')::float8) STORED;--> statement-breakpoint
ALTER TABLE "ai_analytics_events" ADD COLUMN "first_token_ms" double precision GENERATED ALWAYS AS ((properties->>'firstTokenMs')::float8) STORED;--> statement-breakpoint
ALTER TABLE "ai_analytics_events" ADD COLUMN "model" text GENERATED ALWAYS AS (properties->>'model') STORED;--> statement-breakpoint
ALTER TABLE "ai_analytics_events" ADD COLUMN "prompt_tokens" bigint GENERATED ALWAYS AS ((properties->>'promptTokens')::bigint) STORED;--> statement-breakpoint
ALTER TABLE "ai_analytics_events" ADD COLUMN "completion_tokens" bigint GENERATED ALWAYS AS ((properties->>'completionTokens')::bigint) STORED;--> statement-breakpoint
ALTER TABLE "ai_analytics_events" ADD COLUMN "fallback_used" boolean GENERATED ALWAYS AS (properties->>'fallbackUsed' = 'true') STORED;--> statement-breakpoint
ALTER TABLE "ai_analytics_events" ADD COLUMN "manuals_only" boolean GENERATED ALWAYS AS (properties->>'mode' = 'manuals_only') STORED;--> statement-breakpoint
ALTER TABLE "ai_analytics_events" ADD COLUMN "model_failed" boolean GENERATED ALWAYS AS (properties->>'modelFailed' = 'true') STORED;--> statement-breakpoint
CREATE INDEX "ai_analytics_events_answers_idx" ON "ai_analytics_events" USING btree ("created_at","latency_ms","first_token_ms","model","prompt_tokens","completion_tokens","fallback_used","manuals_only","model_failed") WHERE type = 'answer_completed';